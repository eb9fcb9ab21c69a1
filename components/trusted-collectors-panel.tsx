// verify.html's list of trusted collectors: this browser's own key (never stored), the keys the person added from a
// key card file or by pasting a fingerprint with a name, each removable. The list itself is trusted-collectors.ts.
import { useRef, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { groupFingerprint } from './format';
import { addCollector, keysFromCard, removeCollector, type TrustedCollector } from './trusted-collectors';
import { errorMessage } from '../utils/error-message';

/** A key card is a few kilobytes; a larger file is read only this far. */
const MAX_CARD_BYTES = 256 * 1024;

export interface TrustedCollectorsPanelProps {
  list: readonly TrustedCollector[];
  ownKeyId?: string | undefined;
  /** Stores the new list; rejects when it cannot be stored. */
  save(list: TrustedCollector[]): Promise<void>;
}

type Notice = { kind: 'status' | 'error'; text: string };

/** "A, B and C" in the page's language. */
function listNames(names: readonly string[]): string {
  return new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'conjunction' }).format(names);
}

const REFUSALS = {
  'not-fingerprint': 'collectors_error_fingerprint',
  'no-label': 'collectors_error_label',
  'already-listed': 'collectors_error_known',
  'own-key': 'collectors_error_own',
} as const;

export function TrustedCollectorsPanel({ list, ownKeyId, save }: TrustedCollectorsPanelProps) {
  const [notice, setNotice] = useState<Notice>();
  const [fingerprint, setFingerprint] = useState('');
  const [label, setLabel] = useState('');
  const [invalid, setInvalid] = useState<'fingerprint' | 'label'>();
  const heading = useRef<HTMLHeadingElement>(null);

  async function store(next: TrustedCollector[], done: string): Promise<boolean> {
    try {
      await save(next);
      setNotice({ kind: 'status', text: done });
      return true;
    } catch (error) {
      setNotice({ kind: 'error', text: t('collectors_error_save', errorMessage(error)) });
      return false;
    }
  }

  async function addCard(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.slice(0, MAX_CARD_BYTES).text();
    input.value = '';
    const read = await keysFromCard(text, '', file.name.replace(/\.[^.]*$/, ''));
    let next = [...list];
    const added: TrustedCollector[] = [];
    const problems = [...read.problems];
    for (const key of read.keys) {
      const outcome = addCollector(next, key.keyId, key.label, ownKeyId);
      if ('refused' in outcome) problems.push(t(REFUSALS[outcome.refused]));
      else {
        next = outcome.list;
        added.push(outcome.added);
      }
    }
    if (added.length > 0 && !(await store(next, t('collectors_added', listNames(added.map((key) => key.label)))))) return;
    if (problems.length > 0) setNotice({ kind: 'error', text: t('collectors_error_card', problems.join(' ')) });
  }

  async function addPasted(event: Event) {
    event.preventDefault();
    const outcome = addCollector(list, fingerprint, label, ownKeyId);
    if ('refused' in outcome) {
      setInvalid(outcome.refused === 'no-label' ? 'label' : 'fingerprint');
      setNotice({ kind: 'error', text: t(REFUSALS[outcome.refused]) });
      return;
    }
    setInvalid(undefined);
    if (await store(outcome.list, t('collectors_added', outcome.added.label))) {
      setFingerprint('');
      setLabel('');
    }
  }

  async function remove(collector: TrustedCollector) {
    await store(removeCollector(list, collector.keyId), t('collectors_removed', collector.label));
    // The button that had the focus is gone: keep the keyboard in this section.
    heading.current?.focus();
  }

  return (
    <section class="trust-panel" aria-labelledby="collectors-heading">
      <h2 id="collectors-heading" tabIndex={-1} ref={heading}>
        {t('collectors_heading')}
      </h2>
      <p class="hint">{t('collectors_intro')}</p>
      <ul class="trust-list" data-testid="trusted-collectors">
        {ownKeyId ? (
          <li data-testid="trusted-collector" data-key-id={ownKeyId} data-own="true">
            <strong>{t('collectors_own_label')}</strong> <code dir="ltr">{groupFingerprint(ownKeyId)}</code> <span class="hint">({t('collectors_own_note')})</span>
          </li>
        ) : null}
        {list.map((collector) => (
          <li key={collector.keyId} data-testid="trusted-collector" data-key-id={collector.keyId}>
            <strong>
              <bdi>{collector.label}</bdi>
            </strong>{' '}
            <code dir="ltr">{groupFingerprint(collector.keyId)}</code>{' '}
            <button type="button" data-testid="trusted-collector-remove" aria-label={t('collectors_remove_named', collector.label)} onClick={() => void remove(collector)}>
              {t('collectors_remove')}
            </button>
          </li>
        ))}
      </ul>
      {list.length === 0 ? <p class="hint">{t('collectors_empty')}</p> : null}
      <p>
        <label for="collector-card">{t('collectors_add_file')}</label>{' '}
        <input
          id="collector-card"
          type="file"
          accept=".txt,.pem,text/plain"
          data-testid="trusted-collector-add-file"
          aria-describedby="collector-card-hint"
          onChange={(event) => void addCard(event.currentTarget)}
        />
      </p>
      <p class="hint" id="collector-card-hint">{t('collectors_add_file_hint')}</p>
      <form onSubmit={(event) => void addPasted(event)}>
        <fieldset>
          <legend>{t('collectors_add_legend')}</legend>
          <label for="collector-fingerprint">{t('collectors_fingerprint')}</label>{' '}
          <input
            id="collector-fingerprint"
            type="text"
            dir="ltr"
            size={40}
            spellcheck={false}
            autoComplete="off"
            data-testid="trusted-collector-fingerprint"
            value={fingerprint}
            aria-invalid={invalid === 'fingerprint'}
            aria-describedby="collector-notice"
            onInput={(event) => setFingerprint(event.currentTarget.value)}
          />{' '}
          <label for="collector-label">{t('collectors_label')}</label>{' '}
          <input
            id="collector-label"
            type="text"
            dir="auto"
            maxLength={120}
            data-testid="trusted-collector-label"
            value={label}
            aria-invalid={invalid === 'label'}
            aria-describedby="collector-notice"
            onInput={(event) => setLabel(event.currentTarget.value)}
          />{' '}
          <button type="submit" data-testid="trusted-collector-add">
            {t('collectors_add')}
          </button>
        </fieldset>
      </form>
      <p class="status" role="status" data-testid="trusted-collector-status">
        {notice?.kind === 'status' ? notice.text : ''}
      </p>
      <p id="collector-notice" class="error" role="alert" data-testid="trusted-collector-error">
        {notice?.kind === 'error' ? notice.text : ''}
      </p>
    </section>
  );
}

// verify.html's "Trust this authority's root": the timestamp roots the person chose, each with its subject and SHA-256,
// removable; a certificate that is not a self-signed CA root is refused with the verifier's own reason (tsa-roots.ts).
import { useRef, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import { Message } from './message';
import { addRoots, rootsFromFile, type TrustedTsaRoot } from './tsa-roots';
import { errorMessage } from '../utils/error-message';

/** A root certificate is a few kilobytes; a larger file is read only this far. */
const MAX_ROOT_BYTES = 256 * 1024;

export interface TsaRootsPanelProps {
  roots: readonly TrustedTsaRoot[];
  /** Stores the new list; rejects when it cannot be stored. */
  save(roots: TrustedTsaRoot[]): Promise<void>;
}

type Notice = { kind: 'status' | 'error'; text: string };

export function TsaRootsPanel({ roots, save }: TsaRootsPanelProps) {
  const [notice, setNotice] = useState<Notice>();
  const heading = useRef<HTMLHeadingElement>(null);

  async function store(next: TrustedTsaRoot[], done: string): Promise<void> {
    try {
      await save(next);
      setNotice({ kind: 'status', text: done });
    } catch (error) {
      setNotice({ kind: 'error', text: t('collectors_error_save', errorMessage(error)) });
    }
  }

  async function add(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.slice(0, MAX_ROOT_BYTES).arrayBuffer());
    input.value = '';
    const read = await rootsFromFile(bytes);
    if ('refused' in read) {
      setNotice({ kind: 'error', text: t('tsa_root_refused', read.refused === 'not-root' ? read.detail : t('tsa_root_no_certificate')) });
      return;
    }
    const { list, added } = addRoots(roots, read.roots);
    if (added.length === 0) {
      setNotice({ kind: 'error', text: t('tsa_root_known') });
      return;
    }
    await store(list, t('tsa_root_added', added.map((root) => root.subject).join('; ')));
  }

  async function remove(root: TrustedTsaRoot) {
    await store(
      roots.filter((known) => known.sha256 !== root.sha256),
      t('tsa_root_removed', root.subject),
    );
    heading.current?.focus();
  }

  return (
    <section class="trust-panel" aria-labelledby="tsa-roots-heading">
      <h2 id="tsa-roots-heading" tabIndex={-1} ref={heading}>
        {t('tsa_roots_heading')}
      </h2>
      <p class="hint">{t('tsa_roots_intro')}</p>
      <ul class="trust-list" data-testid="tsa-roots">
        {roots.map((root) => (
          <li key={root.sha256} data-testid="tsa-root" data-sha256={root.sha256}>
            <strong>
              <bdi>{root.subject}</bdi>
            </strong>{' '}
            <button type="button" data-testid="tsa-root-remove" aria-label={t('tsa_root_remove_named', root.subject)} onClick={() => void remove(root)}>
              {t('tsa_root_remove')}
            </button>
            <div class="hint">
              <Message id="stamp_root_sha256" slots={[<code dir="ltr">{root.sha256}</code>]} />
            </div>
          </li>
        ))}
      </ul>
      {roots.length === 0 ? <p class="hint">{t('tsa_roots_empty')}</p> : null}
      <p>
        <label for="tsa-root-file">{t('tsa_roots_add')}</label>{' '}
        <input
          id="tsa-root-file"
          type="file"
          accept=".pem,.crt,.cer,.der,application/x-pem-file,application/x-x509-ca-cert"
          data-testid="tsa-root-add"
          aria-describedby="tsa-root-hint tsa-root-error"
          onChange={(event) => void add(event.currentTarget)}
        />
      </p>
      <p class="hint" id="tsa-root-hint">{t('tsa_roots_add_hint')}</p>
      <p class="status" role="status" data-testid="tsa-root-status">
        {notice?.kind === 'status' ? notice.text : ''}
      </p>
      <p id="tsa-root-error" class="error" role="alert" data-testid="tsa-root-error">
        {notice?.kind === 'error' ? notice.text : ''}
      </p>
    </section>
  );
}

// A capture in full, in one place: screenshot and DOM snapshot side by side, the fields as read, media, what was
// not captured and why, timestamps, the second witness, custody events, notes and tags (annotations, outside the
// record), the record's hash and signature, and "verify this capture". Previous/next capture by buttons, j/k or
// Alt+arrow (the arrow that points back in the page's reading direction is "previous"); Escape back to the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaptureRecord } from '../utils/model';
import type { CaptureAnnotation, CaptureListing, CaseRecord, StoredCapture, StoredStamp } from '../utils/store/rows';
import type { VerifyReport } from '../utils/formats/bundle/types';
import { parseCustodyLine, type CustodyEvent } from '../utils/provenance/custody';
import { createCase, readAnnotation, saveAnnotation } from '../utils/store/annotations';
import { getCapture } from '../utils/store/captures';
import { readCustodyLines } from '../utils/store/custody-log';
import type { PostProofDb } from '../utils/store/db';
import { stampsOf } from '../utils/store/stamps';
import { t } from '../utils/i18n/i18n';
import { atHandle } from './format';
import { DetailEvidence } from './detail-evidence';
import { DetailLinks } from './detail-links';
import { CustodySection, MediaSection, MissingSection, PostFields, RecordFacts, TimestampSection } from './detail-sections';
import './capture-detail.css';
import { VerifyResult } from './verify-result';
import { WitnessPanel, type WitnessActions } from './witness-panel';
import { ThreadMembership } from './thread-membership';
import { errorMessage } from '../utils/error-message';

export interface CaptureDetailProps {
  db: PostProofDb;
  captureId: string;
  cases: readonly CaseRecord[];
  keyId?: string;
  /** The extension's version, written into the bundle that "verify this capture" checks. */
  version: string;
  onClose: () => void;
  /** Annotations or cases changed: the list re-reads them. */
  onChanged: () => void;
  verify: (db: PostProofDb, captureId: string, version: string) => Promise<VerifyReport>;
  /** This capture's re-checks (listing rows), newest first; "Check again" and "Watch" when the page can send them. */
  rechecks?: readonly CaptureListing[];
  witness?: WitnessActions;
  /** Where this capture stands in the list as shown (0-based) and how many the list shows. */
  position?: { index: number; count: number };
  /** Open the capture before or after this one in the list; absent at the list's ends. */
  onPrevious?: () => void;
  onNext?: () => void;
  /** Ticks a thread's captures in the list, so that exporting the selection includes the thread (thread-membership.tsx). */
  onSelectThread?: (captureIds: readonly string[]) => void;
}

interface Loaded {
  stored: StoredCapture;
  record: CaptureRecord;
  custody: CustodyEvent[];
  stamps: StoredStamp[];
  annotation: CaptureAnnotation;
}

async function loadDetail(db: PostProofDb, captureId: string): Promise<Loaded> {
  const stored = await getCapture(db, captureId);
  if (!stored) throw new Error(t('error_capture_gone', captureId));
  const [lines, stamps, annotation] = await Promise.all([readCustodyLines(db, captureId), stampsOf(db, captureId), readAnnotation(db, captureId)]);
  return {
    stored,
    record: JSON.parse(new TextDecoder().decode(stored.recordBytes)) as CaptureRecord,
    custody: lines.flatMap((line) => parseCustodyLine(line) ?? []),
    stamps,
    annotation,
  };
}

function AnnotationEditor({ db, captureId, annotation, cases, onSaved }: { db: PostProofDb; captureId: string; annotation: CaptureAnnotation; cases: readonly CaseRecord[]; onSaved: (a: CaptureAnnotation) => void }) {
  const [chosen, setChosen] = useState<string[]>(annotation.cases);
  const [tags, setTags] = useState(annotation.tags.join(', '));
  const [note, setNote] = useState(annotation.note);
  const [newCase, setNewCase] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();

  async function save(event: Event) {
    event.preventDefault();
    try {
      const caseIds = [...chosen];
      if (newCase.trim()) caseIds.push((await createCase(db, newCase)).id);
      const saved = await saveAnnotation(db, captureId, { cases: caseIds, tags: tags.split(','), note });
      setChosen(saved.cases);
      setTags(saved.tags.join(', '));
      setNewCase('');
      setStatus({ text: t('annotations_saved') });
      onSaved(saved);
    } catch (error) {
      setStatus({ text: t('annotations_failed', errorMessage(error)), error: true });
    }
  }

  return (
    <form class="annotations" data-testid="annotation-editor" onSubmit={save}>
      <h3>{t('annotations_heading')}</h3>
      <p class="hint">{t('annotations_hint')}</p>
      <fieldset>
        <legend>{t('cases_label')}</legend>
        {cases.map((c) => (
          <label key={c.id} class="case-choice">
            <input
              type="checkbox"
              data-testid="annotation-case"
              value={c.id}
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))}
            />{' '}
            <bdi>{c.name}</bdi>
          </label>
        ))}
        <label>
          {t('new_case_label')}{' '}
          <input type="text" data-testid="annotation-new-case" value={newCase} dir="auto" onInput={(e) => setNewCase(e.currentTarget.value)} />
        </label>
      </fieldset>
      <label>
        {t('tags_label')}{' '}
        <input type="text" data-testid="annotation-tags" value={tags} dir="auto" onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <label>
        {t('note_label')}
        <textarea data-testid="annotation-note" rows={4} dir="auto" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" data-testid="annotation-save">{t('annotations_save')}</button>
      {status ? <p class={status.error ? 'error' : 'status'} role="status">{status.text}</p> : null}
    </form>
  );
}

/** Keys a field keeps for itself: typing, moving the caret, a player's seek. */
function ownsKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, video, audio, [contenteditable="true"]') !== null;
}

export function CaptureDetail({ db, captureId, cases, keyId, version, onClose, onChanged, verify, rechecks = [], witness, position, onPrevious, onNext, onSelectThread }: CaptureDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [verifying, setVerifying] = useState<'idle' | 'running' | VerifyReport | { failed: string }>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    setLoaded(undefined);
    setError(undefined);
    setVerifying('idle');
    loadDetail(db, captureId).then((data) => !cancelled && setLoaded(data), (e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [db, captureId]);

  // The previous/next button that moved here, if one did: it keeps the focus, so pressing it again moves on.
  const movedBy = useRef<HTMLButtonElement | null>(null);

  // A newly opened capture takes the focus on its heading: a screen reader reads who posted it, and Tab starts there.
  // Moved by a button, the focus stays on it (the live region says which capture is open) unless it is now disabled.
  useEffect(() => {
    const button = movedBy.current;
    movedBy.current = null;
    if (button && !button.disabled && button.isConnected) button.focus();
    else heading.current?.focus();
  }, [captureId]);

  async function runVerify() {
    setVerifying('running');
    try {
      setVerifying(await verify(db, captureId, version));
    } catch (e) {
      setVerifying({ failed: errorMessage(e) });
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (ownsKeys(event.target) || event.ctrlKey || event.metaKey) return;
    let step = 0;
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      // Right to left, the arrow pointing left points forward: Alt+ArrowLeft is "next" in Arabic.
      // The page's direction: the nearest dir attribute above the detail (the <html> element's, set from the UI language).
      const rtl = (section.current?.parentElement?.closest('[dir]')?.getAttribute('dir') ?? document.dir) === 'rtl';
      step = (event.key === 'ArrowRight') !== rtl ? 1 : -1;
    } else if (!event.altKey && !event.shiftKey && (event.key === 'j' || event.key === 'k')) {
      step = event.key === 'j' ? 1 : -1;
    }
    if (step === 0) return;
    event.preventDefault();
    if (step > 0) onNext?.();
    else onPrevious?.();
  }

  const post = loaded?.record.post;
  const title = post ? `${post.author?.name ?? t('unknown_author')}${post.author?.handle ? ` ${atHandle(post.author.handle)}` : ''}` : error ? t('detail_unreadable') : t('loading');
  return (
    <section
      ref={section}
      class="capture-detail"
      data-testid="capture-detail"
      data-capture-id={captureId}
      aria-labelledby="detail-heading"
      onKeyDown={onKeyDown}
    >
      <nav class="toolbar detail-nav" aria-label={t('detail_nav_label')}>
        <button type="button" data-testid="detail-close" onClick={onClose} aria-keyshortcuts="Escape">{t('back_to_list')}</button>
        <button type="button" data-testid="detail-previous" disabled={!onPrevious} onClick={(e) => {
          movedBy.current = e.currentTarget;
          onPrevious?.();
        }} aria-keyshortcuts="k">
          {t('detail_previous')}
        </button>
        <button type="button" data-testid="detail-next" disabled={!onNext} onClick={(e) => {
          movedBy.current = e.currentTarget;
          onNext?.();
        }} aria-keyshortcuts="j">
          {t('detail_next')}
        </button>
        {position ? <span class="detail-position" data-testid="detail-position">{t('detail_position', [position.index + 1, position.count])}</span> : null}
        <a href={`viewer.html?capture=${encodeURIComponent(captureId)}`} target="_blank" rel="noopener" data-testid="open-viewer">{t('open_snapshot')}</a>
      </nav>
      <p class="hint detail-keys">{t('detail_keyboard_hint')}</p>
      <h2 id="detail-heading" tabIndex={-1} ref={heading} dir="auto">{title}</h2>
      {/* Said after each move: which capture of how many is open now (the heading, focused, says whose). */}
      <p class="visually-hidden" aria-live="polite" data-testid="detail-announcement">
        {loaded && position ? t('detail_opened', [position.index + 1, position.count, title]) : ''}
      </p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {loaded && post ? (
        <>
          <DetailEvidence db={db} record={loaded.record} />
          <div class="detail-columns">
            <PostFields record={loaded.record} />
            <TimestampSection stored={loaded.stored} record={loaded.record} stamps={loaded.stamps} />
          </div>
          <DetailLinks db={db} record={loaded.record} />
          <ThreadMembership db={db} captureId={captureId} {...(onSelectThread ? { onSelectMembers: onSelectThread } : {})} />
          <MediaSection db={db} record={loaded.record} />
          <MissingSection record={loaded.record} />
          <WitnessPanel record={loaded.record} rechecks={rechecks} {...(witness ? { actions: witness } : {})} onRechecked={onChanged} />
          <AnnotationEditor
            key={captureId}
            db={db}
            captureId={captureId}
            annotation={loaded.annotation}
            cases={cases}
            onSaved={(annotation) => {
              setLoaded({ ...loaded, annotation });
              void readCustodyLines(db, captureId).then((lines) => setLoaded((l) => l && { ...l, annotation, custody: lines.flatMap((line) => parseCustodyLine(line) ?? []) }));
              onChanged();
            }}
          />
          <CustodySection events={loaded.custody} />
          <RecordFacts stored={loaded.stored} record={loaded.record} installKeyId={keyId} />
          <section class="detail-section" aria-labelledby="detail-verify-heading">
            <h3 id="detail-verify-heading">{t('verify_heading')}</h3>
            <button type="button" data-testid="verify-capture" disabled={verifying === 'running'} onClick={() => void runVerify()}>
              {verifying === 'running' ? t('verifying') : t('verify_capture')}
            </button>
            {typeof verifying === 'object' && 'verdict' in verifying ? <VerifyResult fileName={t('verify_in_memory_name', captureId)} report={verifying} installKeyId={keyId} /> : null}
            {typeof verifying === 'object' && 'failed' in verifying ? <p class="error" role="alert">{verifying.failed}</p> : null}
          </section>
          <details class="detail-record">
            <summary>{t('record_heading')}</summary>
            <pre dir="ltr">{new TextDecoder().decode(loaded.stored.recordBytes)}</pre>
          </details>
        </>
      ) : null}
    </section>
  );
}

// A capture in full: snapshot (in the viewer page), screenshot, media, the signed record, timestamps, custody
// history, "verify this capture", and the editor of its cases, tags and note (annotations, outside the record).
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
import { useArtifactUrl } from './artifact-url';
import { formatLocalTime } from './format';
import { StampState } from './stamp-state';
import { VerifyResult } from './verify-result';
import { WitnessPanel, type WitnessActions } from './witness-panel';
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

function MediaItem({ db, captureId, path, mediaType }: { db: PostProofDb; captureId: string; path: string; mediaType: string }) {
  const url = useArtifactUrl(db, captureId, path, mediaType);
  if (!url) return <li><code dir="ltr">{path}</code></li>;
  if (mediaType.startsWith('image/')) return <li><img class="detail-media" src={url} alt={path} /></li>;
  if (mediaType.startsWith('video/')) return <li><video class="detail-media" src={url} controls preload="metadata" /></li>;
  return <li><a href={url} download={path.split('/').pop()}><code dir="ltr">{path}</code></a></li>;
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

export function CaptureDetail({ db, captureId, cases, keyId, version, onClose, onChanged, verify, rechecks = [], witness }: CaptureDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [verifying, setVerifying] = useState<'idle' | 'running' | VerifyReport | { failed: string }>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const screenshot = loaded?.record.artifacts.find((a) => a.role === 'screenshot');
  const screenshotUrl = useArtifactUrl(db, captureId, screenshot?.path, screenshot?.mediaType ?? 'image/png');

  useEffect(() => {
    let cancelled = false;
    setLoaded(undefined);
    setVerifying('idle');
    loadDetail(db, captureId).then((data) => !cancelled && setLoaded(data), (e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [db, captureId]);

  useEffect(() => heading.current?.focus(), [captureId]);

  async function runVerify() {
    setVerifying('running');
    try {
      setVerifying(await verify(db, captureId, version));
    } catch (e) {
      setVerifying({ failed: errorMessage(e) });
    }
  }

  const post = loaded?.record.post;
  return (
    <section
      class="capture-detail"
      data-testid="capture-detail"
      data-capture-id={captureId}
      aria-labelledby="detail-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="toolbar">
        <button type="button" data-testid="detail-close" onClick={onClose}>{t('back_to_list')}</button>
        <a href={`viewer.html?capture=${encodeURIComponent(captureId)}`} target="_blank" rel="noopener" data-testid="open-viewer">{t('open_snapshot')}</a>
      </div>
      <h2 id="detail-heading" tabIndex={-1} ref={heading} dir="auto">
        {post ? `${post.author?.name ?? t('unknown_author')}${post.author?.handle ? ` @${post.author.handle.replace(/^@/, '')}` : ''}` : t('loading')}
      </h2>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {loaded && post ? (
        <>
          <dl class="detail-facts">
            <dt>{t('platform_label')}</dt><dd>{post.platform}</dd>
            {post.url ? (<><dt>{t('permalink_label')}</dt><dd><a href={post.url} target="_blank" rel="noopener noreferrer" dir="ltr">{post.url}</a></dd></>) : null}
            {post.postedAt ? (<><dt>{t('posted_label')}</dt><dd><time dateTime={post.postedAt}>{formatLocalTime(post.postedAt)}</time></dd></>) : null}
            <dt>{t('captured_label')}</dt><dd><time dateTime={loaded.record.capturedAt}>{formatLocalTime(loaded.record.capturedAt)}</time></dd>
            <dt>{t('timestamp_label')}</dt><dd><StampState capture={loaded.stored} stamps={loaded.stamps} /></dd>
            <dt>{t('record_sha256_label')}</dt><dd><code dir="ltr">{loaded.stored.recordSha256}</code></dd>
          </dl>
          {post.text ? <p class="detail-text" dir="auto">{post.text}</p> : null}
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
          <h3>{t('screenshot_heading')}</h3>
          {screenshotUrl ? <img class="detail-screenshot" data-testid="detail-screenshot" src={screenshotUrl} alt={t('screenshot_alt')} /> : <p class="hint">{t('no_screenshot')}</p>}
          {loaded.record.artifacts.some((a) => a.role === 'media') ? (
            <>
              <h3>{t('media_heading')}</h3>
              <ul class="detail-media-list">
                {loaded.record.artifacts.filter((a) => a.role === 'media').map((a) => <MediaItem key={a.path} db={db} captureId={captureId} path={a.path} mediaType={a.mediaType} />)}
              </ul>
            </>
          ) : null}
          <WitnessPanel record={loaded.record} rechecks={rechecks} {...(witness ? { actions: witness } : {})} onRechecked={onChanged} />
          {loaded.record.missing.length > 0 ? (
            <>
              <h3>{t('missing_heading')}</h3>
              <ul>{loaded.record.missing.map((m, i) => <li key={i} dir="auto">{m.role}: {m.reason}</li>)}</ul>
            </>
          ) : null}
          <h3>{t('custody_heading')}</h3>
          <ol class="custody" data-testid="custody-history">
            {loaded.custody.map((event) => (
              <li key={event.index} data-event={event.event}>
                <strong>{event.event}</strong> <time dateTime={event.at}>{formatLocalTime(event.at)}</time>
              </li>
            ))}
          </ol>
          <h3>{t('verify_heading')}</h3>
          <button type="button" data-testid="verify-capture" disabled={verifying === 'running'} onClick={() => void runVerify()}>
            {verifying === 'running' ? t('verifying') : t('verify_capture')}
          </button>
          {typeof verifying === 'object' && 'verdict' in verifying ? <VerifyResult fileName={t('verify_in_memory_name', captureId)} report={verifying} installKeyId={keyId} /> : null}
          {typeof verifying === 'object' && 'failed' in verifying ? <p class="error" role="alert">{verifying.failed}</p> : null}
          <details class="detail-record">
            <summary>{t('record_heading')}</summary>
            <pre dir="ltr">{new TextDecoder().decode(loaded.stored.recordBytes)}</pre>
          </details>
        </>
      ) : null}
    </section>
  );
}

// Verify page: choose or drop (anywhere on the page) one or more exported bundles or WACZ files; each is read by
// ranges (never whole) with progress and a cancel, checked against what the person trusts here (trusted collectors,
// chosen timestamp roots, besides the pinned roots), and gets its own verdict: first in one plain sentence, then what
// it proves and does not, every signing key and every check (failed ones first), and a summary to print.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/pages.css';
import './verify.css';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { Message } from '../../components/message';
import { ProgressBar } from '../../components/progress-bar';
import { TrustedCollectorsPanel } from '../../components/trusted-collectors-panel';
import { TsaRootsPanel } from '../../components/tsa-roots-panel';
import type { CollectorStorage } from '../../components/trusted-collectors';
import { loadVerifyTrust, useVerifyTrust, type StoredTrust } from '../../components/use-verify-trust';
import { VerifyFailure, VerifyResult } from '../../components/verify-result';
import type { VerifyOptions, VerifyReport } from '../../utils/evidence/verify-types';
import { logVerification } from '../../utils/store/custody-log';
import { openPostProofDb } from '../../utils/store/db';
import { verifyEvidenceFile } from '../../utils/formats/verify-any';
import { blobSource } from '../../utils/zip/source';
import { defaultHasher } from '../../utils/zip/entry-hash';
import { errorMessage } from '../../utils/error-message';

type VerifyState =
  | { phase: 'waiting' }
  | { phase: 'checking'; done: number; total: number }
  | { phase: 'done'; report: VerifyReport; trust: string; verifiedAt: string }
  | { phase: 'failed'; message: string; trust: string }
  | { phase: 'cancelled' };

/** One chosen or dropped file and how far its check has come. */
interface Entry {
  id: string;
  file: File;
  state: VerifyState;
  /** SHA-256 of the whole file, for the printed summary: computed after its verdict. */
  sha256?: string;
}

/** Read this much of a file at a time when hashing it whole. */
const HASH_SLICE = 8 * 1024 * 1024;

/** SHA-256 of a whole file, read by slices (never all at once through the verifier's reader). */
async function fileSha256(file: File, signal: AbortSignal): Promise<string> {
  const hasher = defaultHasher(file.size);
  for (let offset = 0; offset < file.size; offset += HASH_SLICE) {
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    hasher.update(new Uint8Array(await file.slice(offset, offset + HASH_SLICE).arrayBuffer()));
  }
  return hasher.digest();
}

const isWaczName = (name: string) => /\.wacz$/i.test(name);
const VERSION = `PostProof ${browser.runtime.getManifest().version}`;

const storage = browser.storage.local as unknown as CollectorStorage;

/** This install's key id, read without creating a key: verifying needs none. */
async function installKeyId(): Promise<string | undefined> {
  const db = await openPostProofDb();
  try {
    return (await db.get('keys', 'install'))?.keyId;
  } finally {
    db.close();
  }
}

/**
 * Adds a "verified" event to the custody log of each capture of the file that this install holds. The file is named
 * by its size and the SHA-256 of its signed SHA256SUMS (which names every other file's SHA-256), not hashed again.
 */
async function logToCustody(file: File, report: VerifyReport): Promise<void> {
  const db = await openPostProofDb();
  try {
    const ids = report.captures.map((c) => c.id);
    const details = { verdict: report.verdict, bundleFile: file.name, bundleBytes: file.size, ...(report.checksumsSha256 ? { checksumsSha256: report.checksumsSha256 } : {}) };
    await logVerification(db, ids, details);
  } finally {
    db.close();
  }
}

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return t('size_kb', Math.max(1, Math.round(bytes / 1024)));
  return t('size_mb', (bytes / (1024 * 1024)).toFixed(1));
}

function Checking({ entry, onCancel }: { entry: Entry & { state: Extract<VerifyState, { phase: 'checking' }> }; onCancel(): void }) {
  const { state } = entry;
  const percent = state.total > 0 ? (state.done / state.total) * 100 : 0;
  return (
    <div class="verify-checking">
      <p class="status" role="status" aria-live="polite">
        <Message id="verify_checking" slots={[<bdi dir="ltr">{entry.file.name}</bdi>]} />
      </p>
      <ProgressBar percent={percent} label={t('verify_progress_label')} testId="verify-progress" />
      <p class="hint">{t('verify_progress_text', [sizeLabel(state.done), sizeLabel(state.total)])}</p>
      <button type="button" data-testid="verify-cancel" onClick={onCancel}>
        {t('verify_cancel')}
      </button>
    </div>
  );
}

/** Files dragged from the desktop (not text or a link from a page). */
const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/** While files are dragged over the page: true, and the page shows where they go. */
function useFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser opens the dropped file instead of handing it to the page.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) latest.current(files);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

let nextEntry = 0;

function Verify({ ownKeyId, initialTrust }: { ownKeyId: string | undefined; initialTrust: StoredTrust }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [printing, setPrinting] = useState<string>();
  const running = useRef(new Map<string, AbortController>());
  /** The files of the latest choice: a new choice replaces them (and stops their checks). */
  const batch = useRef(0);
  const trust = useVerifyTrust(storage, initialTrust, ownKeyId);
  const trustRef = useRef(trust);
  trustRef.current = trust;

  const update = (id: string, change: Partial<Entry>) => setEntries((list) => list.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));

  async function check(entry: Entry): Promise<void> {
    running.current.get(entry.id)?.abort();
    const controller = new AbortController();
    running.current.set(entry.id, controller);
    const current = () => running.current.get(entry.id) === controller;
    const { file } = entry;
    const trusted = trustRef.current;
    update(entry.id, { state: { phase: 'checking', done: 0, total: file.size } });
    let shown = -1;
    const options: VerifyOptions = {
      ...trusted.options,
      signal: controller.signal,
      onProgress: (done, total) => {
        // One update per percent: a bundle of thousands of entries reports each.
        const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
        if (percent === shown || !current()) return;
        shown = percent;
        update(entry.id, { state: { phase: 'checking', done, total } });
      },
    };
    try {
      const report = await verifyEvidenceFile(blobSource(file), options);
      if (!current()) return;
      update(entry.id, { state: { phase: 'done', report, trust: trusted.fingerprint, verifiedAt: new Date().toISOString() } });
      void logToCustody(file, report).catch(() => undefined);
      if (!entry.sha256) {
        const sha256 = await fileSha256(file, controller.signal).catch(() => undefined);
        if (sha256 && current()) update(entry.id, { sha256 });
      }
    } catch (error) {
      if (!current()) return;
      if (controller.signal.aborted) {
        update(entry.id, { state: { phase: 'cancelled' } });
        return;
      }
      update(entry.id, { state: { phase: 'failed', message: t('verify_read_failed', errorMessage(error)), trust: trusted.fingerprint } });
    } finally {
      if (current()) running.current.delete(entry.id);
    }
  }

  /** A new choice (the file input or a drop): each file gets its own verdict, checked one after the other. */
  async function checkAll(files: File[]) {
    for (const controller of running.current.values()) controller.abort();
    running.current.clear();
    const mine = ++batch.current;
    const fresh = files.map((file) => ({ id: `verify-${++nextEntry}`, file, state: { phase: 'waiting' } as VerifyState }));
    setEntries(fresh);
    for (const entry of fresh) {
      if (batch.current !== mine) return;
      await check(entry);
    }
  }

  function cancel(entry: Entry) {
    const controller = running.current.get(entry.id);
    if (!controller) return;
    controller.abort();
    // The verifier stops at its next read; the page says so at once.
    running.current.delete(entry.id);
    update(entry.id, { state: { phase: 'cancelled' } });
  }

  function print(entry: Entry) {
    setPrinting(entry.id);
    // Rendered first, so only this verdict's summary is on the page.
    requestAnimationFrame(() => window.print());
  }
  useEffect(() => {
    const done = () => setPrinting(undefined);
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);

  const dragging = useFileDrop((files) => void checkAll(files));

  return (
    <main class={dragging ? 'verify-dragging' : undefined}>
      <h1>{t('verify_title')}</h1>
      <p class="hint">{t('verify_intro')}</p>
      <div class="verify-pick">
        <label for="bundle-file">{t('verify_file_input')} </label>
        <input
          id="bundle-file"
          type="file"
          multiple
          accept=".zip,.wacz,application/zip,application/wacz"
          data-testid="verify-input"
          aria-describedby="verify-drop-hint"
          onChange={(event) => {
            const chosen = Array.from(event.currentTarget.files ?? []);
            if (chosen.length > 0) void checkAll(chosen);
          }}
        />
        <p class="hint" id="verify-drop-hint">{t('verify_people_drop_hint')}</p>
      </div>
      <div class="verify-drop-overlay" data-testid="verify-drop" data-active={String(dragging)} aria-hidden="true">
        <p>{t('verify_people_drop_overlay')}</p>
      </div>
      {trust.error ? <p class="error" role="alert">{trust.error}</p> : null}
      {entries.length > 0 ? (
        <section class={`verify-results${printing ? ' verify-printing' : ''}`} aria-labelledby="verify-results-heading">
          <h2 id="verify-results-heading" class="visually-hidden">{t('verify_people_results_heading')}</h2>
          {entries.map((entry) => (
            <div key={entry.id} class={`verify-entry${printing === entry.id ? ' verify-print-target' : ''}`} data-testid="verify-entry" data-file-name={entry.file.name}>
              <EntryView entry={entry} ownKeyId={ownKeyId} trustFingerprint={trust.fingerprint} onCancel={() => cancel(entry)} onAgain={() => void check(entry)} onPrint={() => print(entry)} />
            </div>
          ))}
        </section>
      ) : null}
      <TrustedCollectorsPanel list={trust.collectors} ownKeyId={ownKeyId} save={trust.saveCollectors} />
      <TsaRootsPanel roots={trust.roots} save={trust.saveRoots} />
      <p>
        <a href="dashboard.html">{t('back_to_captures')}</a>
      </p>
    </main>
  );
}

interface EntryViewProps {
  entry: Entry;
  ownKeyId: string | undefined;
  trustFingerprint: string;
  onCancel(): void;
  onAgain(): void;
  onPrint(): void;
}

function EntryView({ entry, ownKeyId, trustFingerprint, onCancel, onAgain, onPrint }: EntryViewProps) {
  const { state, file } = entry;
  const name = <bdi dir="ltr">{file.name}</bdi>;
  if (state.phase === 'waiting') {
    return (
      <p class="status" data-testid="verify-waiting">
        <Message id="verify_people_waiting" slots={[name]} />
      </p>
    );
  }
  if (state.phase === 'checking') return <Checking entry={{ ...entry, state }} onCancel={onCancel} />;
  const outdated = (state.phase === 'done' || state.phase === 'failed') && state.trust !== trustFingerprint;
  return (
    <>
      {state.phase === 'cancelled' ? (
        <p class="status" role="status" data-testid="verify-cancelled">
          <Message id="verify_cancelled" slots={[name]} />
        </p>
      ) : null}
      <p class="toolbar">
        <button type="button" data-testid="verify-again" onClick={onAgain}>
          {t('verify_again')}
        </button>{' '}
        {outdated ? <span class="hint" data-testid="verify-outdated">{t('verify_again_hint')}</span> : null}
      </p>
      {state.phase === 'done' ? (
        <VerifyResult
          fileName={file.name}
          report={state.report}
          installKeyId={ownKeyId}
          print={{ id: entry.id, fileName: file.name, bytes: file.size, sha256: entry.sha256, verifiedAt: state.verifiedAt, version: VERSION, wacz: isWaczName(file.name), onPrint }}
        />
      ) : null}
      {state.phase === 'failed' ? <VerifyFailure fileName={file.name} message={state.message} /> : null}
    </>
  );
}

applyUiLocale();
document.title = t('verify_page_title');
// What this browser trusts is read before anything can be chosen: a file is never checked without it.
void Promise.all([installKeyId().catch(() => undefined), loadVerifyTrust(storage)]).then(([ownKeyId, initialTrust]) =>
  render(<Verify ownKeyId={ownKeyId} initialTrust={initialTrust} />, document.getElementById('app')!),
);

// Verify page: choose an exported bundle or WACZ; it is read by ranges (never whole) with progress and a cancel, and
// checked against what the person trusts here (trusted collectors, chosen timestamp roots, besides the pinned roots).
// The verdict names every signing key (pinned or not) and every check, failed ones first.
import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
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
import { errorMessage } from '../../utils/error-message';

type VerifyState =
  | { phase: 'idle' }
  | { phase: 'checking'; fileName: string; done: number; total: number }
  | { phase: 'done'; fileName: string; report: VerifyReport; trust: string }
  | { phase: 'failed'; fileName: string; message: string; trust: string }
  | { phase: 'cancelled'; fileName: string };

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

function Checking({ state, onCancel }: { state: Extract<VerifyState, { phase: 'checking' }>; onCancel(): void }) {
  const percent = state.total > 0 ? (state.done / state.total) * 100 : 0;
  return (
    <div class="verify-checking">
      <p class="status" role="status" aria-live="polite">
        <Message id="verify_checking" slots={[<bdi dir="ltr">{state.fileName}</bdi>]} />
      </p>
      <ProgressBar percent={percent} label={t('verify_progress_label')} testId="verify-progress" />
      <p class="hint">{t('verify_progress_text', [sizeLabel(state.done), sizeLabel(state.total)])}</p>
      <button type="button" data-testid="verify-cancel" onClick={onCancel}>
        {t('verify_cancel')}
      </button>
    </div>
  );
}

function Verify({ ownKeyId, initialTrust }: { ownKeyId: string | undefined; initialTrust: StoredTrust }) {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const [file, setFile] = useState<File>();
  const running = useRef<AbortController>();
  const trust = useVerifyTrust(storage, initialTrust, ownKeyId);

  async function check(chosen: File) {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setFile(chosen);
    setState({ phase: 'checking', fileName: chosen.name, done: 0, total: chosen.size });
    let shown = -1;
    const options: VerifyOptions = {
      ...trust.options,
      signal: controller.signal,
      onProgress: (done, total) => {
        // One update per percent: a bundle of thousands of entries reports each.
        const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
        if (percent === shown || running.current !== controller) return;
        shown = percent;
        setState({ phase: 'checking', fileName: chosen.name, done, total });
      },
    };
    try {
      const report = await verifyEvidenceFile(blobSource(chosen), options);
      if (running.current !== controller) return;
      setState({ phase: 'done', fileName: chosen.name, report, trust: trust.fingerprint });
      void logToCustody(chosen, report).catch(() => undefined);
    } catch (error) {
      if (running.current !== controller) return;
      if (controller.signal.aborted) {
        setState({ phase: 'cancelled', fileName: chosen.name });
        return;
      }
      const detail = errorMessage(error);
      setState({ phase: 'failed', fileName: chosen.name, message: t('verify_read_failed', detail), trust: trust.fingerprint });
    } finally {
      if (running.current === controller) running.current = undefined;
    }
  }

  function cancel() {
    const controller = running.current;
    if (!controller) return;
    controller.abort();
    // The verifier stops at its next read; the page says so at once.
    running.current = undefined;
    setState({ phase: 'cancelled', fileName: state.phase === 'checking' ? state.fileName : (file?.name ?? '') });
  }

  const outdated = (state.phase === 'done' || state.phase === 'failed') && state.trust !== trust.fingerprint;
  return (
    <main>
      <h1>{t('verify_title')}</h1>
      <p class="hint">{t('verify_intro')}</p>
      <label for="bundle-file">{t('verify_file_input')} </label>
      <input
        id="bundle-file"
        type="file"
        accept=".zip,.wacz,application/zip,application/wacz"
        data-testid="verify-input"
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0];
          if (chosen) void check(chosen);
        }}
      />
      {trust.error ? <p class="error" role="alert">{trust.error}</p> : null}
      {state.phase === 'checking' ? <Checking state={state} onCancel={cancel} /> : null}
      {state.phase === 'cancelled' ? (
        <p class="status" role="status" data-testid="verify-cancelled">
          <Message id="verify_cancelled" slots={[<bdi dir="ltr">{state.fileName}</bdi>]} />
        </p>
      ) : null}
      {file && state.phase !== 'checking' && state.phase !== 'idle' ? (
        <p class="toolbar">
          <button type="button" data-testid="verify-again" onClick={() => void check(file)}>
            {t('verify_again')}
          </button>{' '}
          {outdated ? <span class="hint" data-testid="verify-outdated">{t('verify_again_hint')}</span> : null}
        </p>
      ) : null}
      {state.phase === 'done' ? <VerifyResult fileName={state.fileName} report={state.report} installKeyId={ownKeyId} /> : null}
      {state.phase === 'failed' ? <VerifyFailure fileName={state.fileName} message={state.message} /> : null}
      <TrustedCollectorsPanel list={trust.collectors} ownKeyId={ownKeyId} save={trust.saveCollectors} />
      <TsaRootsPanel roots={trust.roots} save={trust.saveRoots} />
      <p>
        <a href="dashboard.html">{t('back_to_captures')}</a>
      </p>
    </main>
  );
}

applyUiLocale();
document.title = t('verify_page_title');
// What this browser trusts is read before anything can be chosen: a file is never checked without it.
void Promise.all([installKeyId().catch(() => undefined), loadVerifyTrust(storage)]).then(([ownKeyId, initialTrust]) =>
  render(<Verify ownKeyId={ownKeyId} initialTrust={initialTrust} />, document.getElementById('app')!),
);

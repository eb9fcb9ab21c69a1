// Verify page: choose an exported bundle, get a verdict in plain words and every check, failed ones first.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/pages.css';
import { applyUiLocale, t } from '../../utils/i18n';
import { Message } from '../../components/message';
import { VerifyFailure, VerifyResult } from '../../components/verify-result';
import type { VerifyReport } from '../../utils/bundle';
import { sha256Hex } from '../../utils/provenance/hash';
import { logVerification } from '../../utils/store/custody-log';
import { openPostProofDb } from '../../utils/store/db';
import { verifyEvidenceFile } from '../../utils/wacz/verify-any';

type VerifyState =
  | { phase: 'idle' }
  | { phase: 'checking'; fileName: string }
  | { phase: 'done'; fileName: string; report: VerifyReport }
  | { phase: 'failed'; fileName: string; message: string };

/** This install's key id, read without creating a key: verifying needs none. */
async function installKeyId(): Promise<string | undefined> {
  const db = await openPostProofDb();
  try {
    return (await db.get('keys', 'install'))?.keyId;
  } finally {
    db.close();
  }
}

/** Adds a "verified" event to the custody log of each capture of the bundle that this install made. */
async function logToCustody(fileName: string, bytes: Uint8Array, report: VerifyReport): Promise<void> {
  const db = await openPostProofDb();
  try {
    const ids = report.captures.map((c) => c.id);
    await logVerification(db, ids, { verdict: report.verdict, bundleFile: fileName, bundleSha256: await sha256Hex(bytes) });
  } finally {
    db.close();
  }
}

function Verify() {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const [ownKeyId, setOwnKeyId] = useState<string>();

  useEffect(() => {
    installKeyId().then(setOwnKeyId, () => setOwnKeyId(undefined));
  }, []);

  async function check(file: File) {
    setState({ phase: 'checking', fileName: file.name });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await verifyEvidenceFile(bytes);
      setState({ phase: 'done', fileName: file.name, report });
      void logToCustody(file.name, bytes, report).catch(() => undefined);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      setState({ phase: 'failed', fileName: file.name, message: t('verify_read_failed', detail) });
    }
  }

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
          const file = event.currentTarget.files?.[0];
          if (file) void check(file);
        }}
      />
      {state.phase === 'checking' ? (
        <p class="status" role="status" aria-live="polite">
          <Message id="verify_checking" slots={[<bdi dir="ltr">{state.fileName}</bdi>]} />
        </p>
      ) : null}
      {state.phase === 'done' ? <VerifyResult fileName={state.fileName} report={state.report} installKeyId={ownKeyId} /> : null}
      {state.phase === 'failed' ? <VerifyFailure fileName={state.fileName} message={state.message} /> : null}
      <p>
        <a href="dashboard.html">{t('back_to_captures')}</a>
      </p>
    </main>
  );
}

applyUiLocale();
document.title = t('verify_page_title');
render(<Verify />, document.getElementById('app')!);

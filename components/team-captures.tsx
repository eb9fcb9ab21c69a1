// The dashboard's "Team captures": the capture folders in the evidence locker, from every member's install. A folder is
// shown as evidence only once opened and verified (the bundle verifier on exactly the bytes read back, and no object
// written over after the push); a folder that fails says so first and shows nothing of the post.
import { useEffect, useState } from 'preact/hooks';
import { t, tCount } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';
import type { TeamCapture, TeamImportResult, TeamOpenResult } from '../utils/locker/team-types';
import type { VerifyReport } from '../utils/evidence/verify-types';
import { formatLocalTime } from './format';
import { VerifyResult } from './verify-result';

/** What the panel asks of the locker: passed in, so the component runs without an extension. */
export interface TeamActions {
  list(): Promise<TeamCapture[]>;
  open(folder: string): Promise<TeamOpenResult>;
  importCapture(folder: string): Promise<TeamImportResult>;
}

export interface TeamCapturesProps {
  actions: TeamActions;
  /** Open (and read the locker) at once; otherwise on the first click of its heading button. */
  initiallyOpen?: boolean;
  /** A capture was imported into this install: the list reloads. */
  onImported?: () => void;
}

type ListState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; captures: TeamCapture[] };
type OpenState = { folder: string; kind: 'loading' } | { folder: string; kind: 'error'; message: string } | { folder: string; kind: 'opened'; result: TeamOpenResult };

/** Sizes in the reader's locale and units: "512 kB", "3.4 MB". */
function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'gigabyte'] : bytes >= 1e6 ? [bytes / 1e6, 'megabyte'] : bytes >= 1e3 ? [bytes / 1e3, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value >= 10 ? 0 : 1 }).format(value);
}

/** A key id as people compare it at a glance: its first 8 hex digits. */
const shortKey = (keyId: string) => `${keyId.slice(0, 4)} ${keyId.slice(4, 8)}…`;

function verifiedHeadline(report: VerifyReport): string {
  const keyId = report.keyId ?? report.signers?.[0]?.keyId ?? '';
  const signer = report.signers?.find((s) => s.keyId === keyId);
  const passed = report.checks.filter((check) => check.ok).length;
  return signer?.pinned && signer.label
    ? t('team_verified_pinned', [shortKey(keyId), signer.label, passed])
    : t('team_verified', [shortKey(keyId), passed]);
}

function VerifiedCapture({ report }: { report: VerifyReport }) {
  const capture = report.captures[0];
  if (!capture) return null;
  return (
    <dl class="detail-facts" data-testid="team-capture-summary">
      <dt>{t('team_signer_key')}</dt>
      <dd><bdi dir="ltr"><code data-testid="team-signer-key">{capture.keyId ?? report.keyId}</code></bdi></dd>
      <dt>{t('team_author')}</dt>
      <dd><bdi dir="auto">{capture.author ?? t('unknown_author')}</bdi></dd>
      {capture.permalink ? (
        <>
          <dt>{t('team_permalink')}</dt>
          {/* As text, not a link: opening it from here would make a request the collector did not choose. */}
          <dd><bdi dir="ltr"><code data-testid="team-permalink">{capture.permalink}</code></bdi></dd>
        </>
      ) : null}
      {capture.capturedAt ? (
        <>
          <dt>{t('team_captured_at')}</dt>
          <dd><time dateTime={capture.capturedAt} title={t('utc_time', capture.capturedAt)}>{formatLocalTime(capture.capturedAt)}</time></dd>
        </>
      ) : null}
      <dt>{t('team_timestamps')}</dt>
      <dd>
        {capture.timestamps && capture.timestamps.length > 0 ? (
          <ul class="team-stamps">
            {capture.timestamps.map((stamp) => (
              <li key={stamp.file}>
                <time dateTime={stamp.genTime} title={t('utc_time', stamp.genTime)}>{formatLocalTime(stamp.genTime)}</time> — <bdi dir="auto">{stamp.tsa}</bdi>
              </li>
            ))}
          </ul>
        ) : (
          t('clock_no_timestamp')
        )}
      </dd>
    </dl>
  );
}

/** The verdict first, in plain words and colour; for a failed folder, only why (never the post's content). */
function OpenedResult({ result }: { result: TeamOpenResult }) {
  const verified = result.verified;
  // A capture that failed is not evidence: the verifier's messages (which may quote its files) only on request.
  const [showMessages, setShowMessages] = useState(false);
  const failed = result.report.checks.filter((check) => !check.ok);
  return (
    <section class={`team-result ${verified ? 'verdict-valid' : 'verdict-invalid'}`} data-testid="team-result" data-verified={String(verified)} data-folder={result.folder} aria-live="polite">
      <h3 class="verdict-headline" data-testid="team-verdict">{verified ? verifiedHeadline(result.report) : t('team_not_evidence')}</h3>
      {verified ? (
        <>
          <VerifiedCapture report={result.report} />
          <details class="team-checks">
            <summary>{t('team_all_checks')}</summary>
            <VerifyResult fileName={result.folder} report={result.report} />
          </details>
        </>
      ) : (
        <ul class="checks team-failures" data-testid="team-failures">
          {result.overwritten.map((key) => (
            <li key={`o-${key}`} class="check check-failed" data-testid="team-overwritten" data-key={key}>
              {t('team_overwritten', key)}
            </li>
          ))}
          {failed.map((check, index) => (
            <li key={`c-${check.check}-${index}`} class="check check-failed" data-check={check.check}>
              <span class="check-state">{t('check_failed')}</span>{' '}
              {/* PostProof's own locker checks quote nothing of the capture; the verifier's may quote the files that failed. */}
              {check.check.startsWith('locker-') || showMessages ? (
                <>
                  <span class="check-name">({check.check})</span> <span dir="auto">{check.message}</span>
                </>
              ) : (
                <bdi dir="ltr">{t('team_failed_file', [check.check, check.file ?? result.folder])}</bdi>
              )}
            </li>
          ))}
          {showMessages ? null : (
            <li>
              <button type="button" class="link-button" data-testid="team-show-messages" onClick={() => setShowMessages(true)}>
                {t('team_show_messages')}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

export function TeamCaptures({ actions, initiallyOpen = false, onImported }: TeamCapturesProps) {
  const [expanded, setExpanded] = useState(initiallyOpen);
  const [list, setList] = useState<ListState>({ kind: 'idle' });
  const [opened, setOpened] = useState<OpenState>();
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [importing, setImporting] = useState<string>();
  const [importStatus, setImportStatus] = useState<{ text: string; error?: boolean }>();

  function refresh() {
    setList({ kind: 'loading' });
    actions.list().then(
      (captures) => setList({ kind: 'loaded', captures }),
      (error: unknown) => setList({ kind: 'error', message: errorMessage(error) }),
    );
  }

  useEffect(() => {
    if (expanded && list.kind === 'idle') refresh();
  }, [expanded]);

  function open(folder: string) {
    setOpened({ folder, kind: 'loading' });
    setImportStatus(undefined);
    actions.open(folder).then(
      (result) => {
        setOpened({ folder, kind: 'opened', result });
        setVerdicts((current) => new Map(current).set(folder, result.verified));
      },
      (error: unknown) => setOpened({ folder, kind: 'error', message: errorMessage(error) }),
    );
  }

  function importCapture(folder: string) {
    setImporting(folder);
    setImportStatus({ text: t('team_importing') });
    actions.importCapture(folder).then(
      (answer) => {
        setImportStatus({ text: answer.message, error: !answer.ok });
        if (answer.ok) onImported?.();
      },
      (error: unknown) => setImportStatus({ text: t('team_import_failed', errorMessage(error)), error: true }),
    ).finally(() => setImporting(undefined));
  }

  const verifiedOpen = opened?.kind === 'opened' && opened.result.verified ? opened.folder : undefined;

  return (
    <section class="team-captures" data-testid="team-captures" aria-labelledby="team-heading">
      <h2 id="team-heading">
        <button type="button" class="link-button team-toggle" data-testid="team-toggle" aria-expanded={expanded} aria-controls="team-body" onClick={() => setExpanded(!expanded)}>
          {t('team_heading')}
        </button>
      </h2>
      <div id="team-body" hidden={!expanded}>
        <p class="hint">{t('team_intro')}</p>
        <div class="toolbar">
          <button type="button" data-testid="team-refresh" disabled={list.kind === 'loading'} onClick={refresh}>{t('team_refresh')}</button>
          <span class="status" role="status" aria-live="polite" data-testid="team-status">
            {list.kind === 'loading' ? t('team_loading') : list.kind === 'loaded' && list.captures.length > 0 ? tCount('team_count', list.captures.length) : ''}
          </span>
        </div>
        {list.kind === 'error' ? <p class="error" role="alert" data-testid="team-error">{t('team_list_failed', list.message)}</p> : null}
        {list.kind === 'loaded' && list.captures.length === 0 ? <p class="empty" data-testid="team-empty">{t('team_empty')}</p> : null}
        {list.kind === 'loaded' && list.captures.length > 0 ? (
          <ul class="team-list">
            {list.captures.map((capture) => {
              const verdict = verdicts.get(capture.folder);
              const busy = opened?.folder === capture.folder && opened.kind === 'loading';
              return (
                <li key={capture.folder} class="team-row" data-testid="team-row" data-folder={capture.folder} data-verified={verdict === undefined ? 'unknown' : String(verdict)}>
                  <div class="team-facts">
                    <bdi class="capture-author" dir="auto">{capture.caseName}</bdi>{' '}
                    <code dir="ltr">{capture.captureId}</code>{' '}
                    <span class="hint">{t('team_objects', [capture.objects, formatSize(capture.bytes)])}</span>{' '}
                    <time class="hint" dateTime={capture.lastModified} title={t('utc_time', capture.lastModified)}>{formatLocalTime(capture.lastModified)}</time>{' '}
                    <span class={`chip ${capture.complete ? 'team-complete' : 'team-incomplete'}`} data-testid="team-complete" data-complete={String(capture.complete)}>
                      {capture.complete ? t('team_complete') : t('team_incomplete')}
                    </span>
                    {capture.local ? <span class="chip" data-testid="team-local">{t('team_local')}</span> : null}
                  </div>
                  <div class="toolbar team-actions">
                    <button type="button" data-testid="team-open" disabled={busy} onClick={() => open(capture.folder)}>
                      {busy ? t('team_opening') : t('team_open')}
                    </button>
                    <button type="button" data-testid="team-import" disabled={verifiedOpen !== capture.folder || importing !== undefined} title={verifiedOpen === capture.folder ? undefined : t('team_import_hint')} onClick={() => importCapture(capture.folder)}>
                      {t('team_import')}
                    </button>
                  </div>
                  {opened?.folder === capture.folder && opened.kind === 'error' ? <p class="error" role="alert" data-testid="team-open-error">{t('team_open_failed', opened.message)}</p> : null}
                  {opened?.folder === capture.folder && opened.kind === 'opened' ? <OpenedResult result={opened.result} /> : null}
                  {opened?.folder === capture.folder && importStatus ? (
                    <p class={importStatus.error ? 'error' : 'status'} role="status" data-testid="team-import-status">{importStatus.text}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

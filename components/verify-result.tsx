// The verdict on an evidence file in plain words: first the verdict in one sentence (captures, signing key and pin,
// trusted time; or which files changed), then what it proves and does not, the signing keys and whether each is
// pinned, each capture with its anchored timestamps, and every check, failed ones first and open. On verify.html it
// also carries a one-page summary for print (verify-print.tsx).
import type { VerifyCheck, VerifyReport } from '../utils/formats/bundle/types';
import { t, tCount } from '../utils/i18n/i18n';
import { compareClocks } from '../utils/provenance/clock-compare';
import { clockLabel, formatLocalTime, localOffset } from './format';
import { KeyFingerprint } from './key-fingerprint';
import { Message } from './message';
import { VerifySigners } from './verify-signers';
import { CaptureStamps, unanchoredStamps } from './verify-stamps';
import { checkMessage, verdictSummary } from './verify-summary';
import { PrintSummary, type PrintFacts } from './verify-print';
import './verify-result.css';

/** Failed checks first, then notes worth reading, then the rest; otherwise the verifier's order. */
export function orderChecks(checks: readonly VerifyCheck[]): VerifyCheck[] {
  const rank = (check: VerifyCheck) => (!check.ok ? 0 : check.note ? 1 : 2);
  return checks.map((check, index) => ({ check, index }))
    .sort((a, b) => rank(a.check) - rank(b.check) || a.index - b.index)
    .map(({ check }) => check);
}

function CheckItem({ check, report, installKeyId }: { check: VerifyCheck; report: VerifyReport; installKeyId: string | undefined }) {
  const state = !check.ok ? 'failed' : check.note ? 'note' : 'passed';
  return (
    <li class={`check check-${state}`} data-testid="verify-check" data-check={check.check} data-ok={String(check.ok)} data-file={check.file ?? ''}>
      <span class="check-state">{check.ok ? (check.note ? t('check_note') : t('check_passed')) : t('check_failed')}</span>{' '}
      {check.file ? <bdi class="check-file" dir="ltr"><code>{check.file}</code></bdi> : null}{' '}
      <span class="check-name">({check.check})</span>
      <div class="check-message" dir="auto">{checkMessage(check, report, installKeyId)}</div>
    </li>
  );
}

/** The collector's, the server's and each TSA's time for one capture, side by side. */
function ClockLines({ capture }: { capture: VerifyReport['captures'][number] }) {
  if (!capture.capturedAt) return null;
  const tsa = (capture.timestamps ?? []).map((stamp) => ({ name: stamp.tsa, genTime: stamp.genTime }));
  const readings = compareClocks({ capturedAt: capture.capturedAt, serverDate: capture.serverDate, tsa });
  return (
    <ul class="clocks" data-testid="verify-clocks">
      {readings.map((r, i) => (
        <li key={r.label}>
          <Message id={i === 0 ? 'clock_line' : 'clock_line_offset'} slots={[clockLabel(r), <code dir="ltr">{r.time}</code>, localOffset(r.offsetMs)]} />
        </li>
      ))}
      {tsa.length === 0 ? <li>{t('clock_no_timestamp')}</li> : null}
    </ul>
  );
}

export interface VerifyResultProps {
  fileName: string;
  report: VerifyReport;
  /** This install's key id, to say when the bundle was signed here. */
  installKeyId?: string | undefined;
  /** On verify.html: what the printed summary names about the file, and the button that prints it. */
  print?: PrintFacts & { onPrint(): void };
}

/** What this proves and what it does not (DESIGN.md §5), or, when not intact, what that means. */
function Meaning({ report }: { report: VerifyReport }) {
  if (report.verdict !== 'valid') {
    const failed = report.checks.filter((check) => !check.ok).length;
    return <p class="verdict-meaning">{tCount('verdict_invalid_text', failed)}</p>;
  }
  const timed = report.captures.some((capture) => (capture.timestamps ?? []).length > 0);
  return (
    <div class="verdict-proof" data-testid="verify-proves">
      <div>
        <h3>{t('verify_people_proves_heading')}</h3>
        <ul>
          <li>{t('verdict_valid_text')}</li>
          <li>{t('verify_people_proves_records')}</li>
          <li>{timed ? t('verify_people_proves_time') : t('verify_people_proves_no_time')}</li>
        </ul>
      </div>
      <div>
        <h3>{t('verify_people_not_heading')}</h3>
        <ul>
          <li>{t('verify_people_not_who')}</li>
          <li>{t('verify_people_not_platform')}</li>
        </ul>
      </div>
    </div>
  );
}

/** Every check, failed ones first and open; the rest folded. */
function Checks({ report, installKeyId }: { report: VerifyReport; installKeyId: string | undefined }) {
  const ordered = orderChecks(report.checks);
  const failed = ordered.filter((check) => !check.ok);
  const rest = ordered.filter((check) => check.ok);
  const list = (checks: VerifyCheck[]) => (
    <ol class="checks">
      {checks.map((check, index) => (
        <CheckItem key={`${check.check}-${check.file ?? ''}-${index}`} check={check} report={report} installKeyId={installKeyId} />
      ))}
    </ol>
  );
  return (
    <div class="verify-checks">
      <h3>{failed.length > 0 ? t('checks_heading_failed', [failed.length, ordered.length]) : t('checks_heading_passed', ordered.length)}</h3>
      {failed.length > 0 ? (
        <details class="checks-group checks-group-failed" open data-testid="verify-checks-failed">
          <summary>{t('verify_people_checks_failed', failed.length)}</summary>
          {list(failed)}
        </details>
      ) : null}
      {rest.length > 0 ? (
        <details class="checks-group" data-testid="verify-checks-passed">
          <summary>{failed.length > 0 ? t('verify_people_checks_other', rest.length) : t('verify_people_checks_all', rest.length)}</summary>
          {list(rest)}
        </details>
      ) : null}
    </div>
  );
}

export function VerifyResult({ fileName, report, installKeyId, print }: VerifyResultProps) {
  const unanchored = unanchoredStamps(report).length;
  const signers = report.signers ?? [];
  // This browser's own key is known to the person here: its row says so, the headline does not warn.
  const unpinned = signers.filter((signer) => !signer.pinned && signer.keyId !== installKeyId).length;
  const summary = verdictSummary(report, installKeyId);
  return (
    <section class={`verify-result verdict-${report.verdict}`} data-testid="verify-result" data-verdict={report.verdict} aria-live="polite">
      <div class="verdict-banner">
        <h2 class="verdict-headline">{report.verdict === 'valid' ? t('verdict_valid') : t('verdict_invalid')}</h2>
        <p class="verdict-sentence" data-testid="verify-headline">
          {summary.sentence}
        </p>
      </div>
      {unanchored > 0 ? (
        <p class="verdict-warning" data-testid="verify-time-unanchored">
          {tCount('verify_time_unanchored', unanchored)}
        </p>
      ) : null}
      {unpinned > 0 ? (
        <p class="verdict-info" data-testid="verify-unpinned">
          {tCount('verify_unpinned', unpinned)}
        </p>
      ) : null}
      <p>
        {t('verify_file_label')} <bdi dir="ltr"><code>{fileName}</code></bdi>
      </p>
      {print ? (
        <p class="verify-print-bar">
          <button type="button" data-testid="verify-print" aria-describedby={`${print.id}-print-hint`} onClick={print.onPrint}>
            {t('verify_people_print')}
          </button>{' '}
          <span class="hint" id={`${print.id}-print-hint`}>{t('verify_people_print_hint')}</span>
        </p>
      ) : null}
      <Meaning report={report} />
      {signers.length > 0 ? <VerifySigners signers={signers} installKeyId={installKeyId} /> : null}
      {signers.length === 0 && report.keyId ? <KeyFingerprint keyId={report.keyId} label={t('verify_signed_by')} /> : null}
      {signers.length === 0 && report.keyId && installKeyId === report.keyId ? (
        <p class="hint">{t('verify_own_key')}</p>
      ) : null}
      {report.captures.length > 0 ? (
        <>
          <h3>{tCount('count_captures', report.captures.length)}</h3>
          <ul class="verify-captures">
            {report.captures.map((capture) => {
              // "name (@handle)": isolated but laid out left to right, so an Arabic name keeps its "(@handle)" intact.
              const author = capture.author ? <bdi dir="ltr">{capture.author}</bdi> : t('unknown_author');
              const time = capture.capturedAt ? (
                <time dateTime={capture.capturedAt} title={t('utc_time', capture.capturedAt)}>{formatLocalTime(capture.capturedAt)}</time>
              ) : null;
              return (
                <li key={capture.id}>
                  {time ? <Message id="verify_capture_line" slots={[author, time]} /> : author}
                  {capture.permalink ? <div><bdi dir="ltr"><code>{capture.permalink}</code></bdi></div> : null}
                  <CaptureStamps capture={capture} report={report} />
                  <ClockLines capture={capture} />
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <Checks report={report} installKeyId={installKeyId} />
      {print ? <PrintSummary facts={print} report={report} summary={summary} installKeyId={installKeyId} /> : null}
    </section>
  );
}

/** A file that could not be verified at all (not a ZIP, unreadable): shown as an invalid verdict with the reason. */
export function VerifyFailure({ fileName, message }: { fileName: string; message: string }) {
  return (
    <section class="verify-result verdict-invalid" data-testid="verify-result" data-verdict="invalid" aria-live="polite">
      <h2 class="verdict-headline">{t('verdict_invalid')}</h2>
      <p class="verdict-text">
        <Message id="verify_unreadable" slots={[<bdi dir="ltr"><code>{fileName}</code></bdi>]} />
      </p>
      <p class="error" role="alert" data-testid="verify-error">{message}</p>
    </section>
  );
}

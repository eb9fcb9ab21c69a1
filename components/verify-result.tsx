// The verdict on an evidence bundle in plain words: headline, signing key, and every check, failed ones first.
import type { VerifyCheck, VerifyReport } from '../utils/bundle/types';
import { compareClocks, formatOffset } from '../utils/provenance/clock-compare';
import { countLabel, formatLocalTime } from './format';
import { KeyFingerprint } from './key-fingerprint';

/** Failed checks first, then notes worth reading, then the rest; otherwise the verifier's order. */
export function orderChecks(checks: readonly VerifyCheck[]): VerifyCheck[] {
  const rank = (check: VerifyCheck) => (!check.ok ? 0 : check.note ? 1 : 2);
  return checks.map((check, index) => ({ check, index }))
    .sort((a, b) => rank(a.check) - rank(b.check) || a.index - b.index)
    .map(({ check }) => check);
}

function headline(report: VerifyReport): string {
  if (report.verdict === 'valid') {
    return 'This bundle is intact: every file matches the signed manifest and every signature verifies.';
  }
  const failed = report.checks.filter((check) => !check.ok).length;
  return `This bundle failed verification: ${countLabel(failed, 'check', 'checks')} failed. Do not rely on this bundle until the failures below are explained.`;
}

function CheckItem({ check }: { check: VerifyCheck }) {
  const state = !check.ok ? 'failed' : check.note ? 'note' : 'passed';
  return (
    <li class={`check check-${state}`} data-testid="verify-check" data-check={check.check} data-ok={String(check.ok)} data-file={check.file ?? ''}>
      <span class="check-state">{check.ok ? (check.note ? 'Note' : 'Passed') : 'FAILED'}</span>{' '}
      {check.file ? <code class="check-file" dir="ltr">{check.file}</code> : null}{' '}
      <span class="check-name">({check.check})</span>
      <div class="check-message" dir="auto">{check.message}</div>
    </li>
  );
}

/** The collector's, the server's and each TSA's time for one capture, side by side. */
function ClockLines({ capture }: { capture: VerifyReport['captures'][number] }) {
  if (!capture.capturedAt) return null;
  const tsa = (capture.timestamps ?? []).map((t) => ({ name: t.tsa, genTime: t.genTime }));
  const readings = compareClocks({ capturedAt: capture.capturedAt, serverDate: capture.serverDate, tsa });
  return (
    <ul class="clocks" data-testid="verify-clocks">
      {readings.map((r, i) => (
        <li key={r.label}>
          {r.label}: <code dir="ltr">{r.time}</code>
          {i > 0 ? ` (${formatOffset(r.offsetMs)})` : ''}
        </li>
      ))}
      {tsa.length === 0 ? <li>No trusted timestamp: the capture time rests on the collector’s clock.</li> : null}
    </ul>
  );
}

export interface VerifyResultProps {
  fileName: string;
  report: VerifyReport;
  /** This install's key id, to say when the bundle was signed here. */
  installKeyId?: string;
}

export function VerifyResult({ fileName, report, installKeyId }: VerifyResultProps) {
  const ordered = orderChecks(report.checks);
  const failed = ordered.filter((check) => !check.ok).length;
  return (
    <section class={`verify-result verdict-${report.verdict}`} data-testid="verify-result" data-verdict={report.verdict} aria-live="polite">
      <h2 class="verdict-headline">{report.verdict === 'valid' ? 'Valid' : 'Not valid'}</h2>
      <p class="verdict-text">{headline(report)}</p>
      <p>
        File: <code dir="ltr">{fileName}</code>
      </p>
      {report.keyId ? <KeyFingerprint keyId={report.keyId} label="Signed by the key with fingerprint" /> : null}
      {report.keyId && installKeyId === report.keyId ? (
        <p class="hint">This is the key of this PostProof install: the bundle was exported from this browser.</p>
      ) : null}
      {report.captures.length > 0 ? (
        <>
          <h3>{countLabel(report.captures.length, 'capture', 'captures')}</h3>
          <ul class="verify-captures">
            {report.captures.map((capture) => (
              <li key={capture.id}>
                {/* "name (@handle)": isolated but laid out left to right, so an Arabic name keeps its "(@handle)" intact. */}
                <bdi dir="ltr">{capture.author ?? 'Unknown author'}</bdi>
                {capture.capturedAt ? (
                  <>
                    {', captured '}
                    <time dateTime={capture.capturedAt} title={`${capture.capturedAt} (UTC)`}>{formatLocalTime(capture.capturedAt)}</time>
                  </>
                ) : null}
                {capture.permalink ? <div><code dir="ltr">{capture.permalink}</code></div> : null}
                <ClockLines capture={capture} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{failed > 0 ? `Checks (${failed} failed of ${ordered.length})` : `Checks (all ${ordered.length} passed)`}</h3>
      <ol class="checks">
        {ordered.map((check, index) => (
          <CheckItem key={`${check.check}-${check.file ?? ''}-${index}`} check={check} />
        ))}
      </ol>
    </section>
  );
}

/** A file that could not be verified at all (not a ZIP, unreadable): shown as an invalid verdict with the reason. */
export function VerifyFailure({ fileName, message }: { fileName: string; message: string }) {
  return (
    <section class="verify-result verdict-invalid" data-testid="verify-result" data-verdict="invalid" aria-live="polite">
      <h2 class="verdict-headline">Not valid</h2>
      <p class="verdict-text">
        <code dir="ltr">{fileName}</code> could not be checked as a PostProof bundle.
      </p>
      <p class="error" role="alert" data-testid="verify-error">{message}</p>
    </section>
  );
}

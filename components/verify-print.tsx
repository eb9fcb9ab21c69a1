// The one-page summary of a verdict that a lawyer can attach: the file's name, SHA-256 and size, when it was verified
// and with which PostProof, the verdict in one sentence, each signing key in full with its pin, the trusted times, the
// captures with their addresses, and the stock-tool commands to check it again. Hidden on screen; verify.css shows
// it, alone, when the page is printed.
import type { VerifyReport } from '../utils/evidence/verify-types';
import { t, tCount } from '../utils/i18n/i18n';
import { formatLocalTime } from './format';
import { recheckCommands } from './verify-commands';
import { unanchoredStamps } from './verify-stamps';
import { checkMessage, signerStanding, type VerdictSummary } from './verify-summary';

export interface PrintFacts {
  /** A page-unique id for this result (element ids). */
  id: string;
  fileName: string;
  bytes: number;
  /** SHA-256 of the whole file, lowercase hex, once computed. */
  sha256?: string | undefined;
  /** When the verdict was made, ISO 8601 UTC. */
  verifiedAt: string;
  /** "PostProof 1.2.3". */
  version: string;
  wacz: boolean;
}

/** How many failed checks the page lists; the screen lists them all. */
const FAILED_LISTED = 12;

function standingText(standing: ReturnType<typeof signerStanding>, label: string | undefined): string {
  switch (standing) {
    case 'own':
      return t('collectors_own_label');
    case 'pinned':
      return t('signer_pinned', label ?? '');
    case 'expected':
      return t('signer_pinned_expected');
    default:
      return t('signer_unpinned');
  }
}

export function PrintSummary({ facts, report, summary, installKeyId }: { facts: PrintFacts; report: VerifyReport; summary: VerdictSummary; installKeyId: string | undefined }) {
  const signers = report.signers ?? (report.keyId ? [{ keyId: report.keyId, pinned: false, role: 'exporter' as const, captures: [] }] : []);
  const stamps = report.captures.flatMap((capture) => (capture.timestamps ?? []).map((stamp) => ({ capture: capture.id, stamp })));
  const unanchored = unanchoredStamps(report);
  const failed = report.checks.filter((check) => !check.ok);
  return (
    <div class="print-summary" data-testid="verify-print-summary">
      <h2 class="print-title">{t('verify_people_print_title')}</h2>
      <dl class="print-facts">
        <dt>{t('verify_people_print_file')}</dt>
        <dd>
          <bdi dir="ltr"><code>{facts.fileName}</code></bdi>
        </dd>
        <dt>{t('verify_people_print_sha256')}</dt>
        <dd data-testid="verify-bundle-sha256" data-sha256={facts.sha256 ?? ''}>
          {facts.sha256 ? <code dir="ltr">{facts.sha256}</code> : t('verify_people_print_sha256_pending')}
        </dd>
        <dt>{t('verify_people_print_size')}</dt>
        <dd>{t('verify_people_print_bytes', facts.bytes.toLocaleString(document.documentElement.lang || 'en'))}</dd>
        <dt>{t('verify_people_print_verified_at')}</dt>
        <dd>
          {formatLocalTime(facts.verifiedAt)}
          {t('verify_people_comma')}
          <code dir="ltr">{t('utc_time', facts.verifiedAt)}</code>
        </dd>
        <dt>{t('verify_people_print_version')}</dt>
        <dd>
          <bdi dir="ltr">{facts.version}</bdi>
        </dd>
        <dt>{t('verify_people_print_verdict')}</dt>
        <dd class={`print-verdict print-verdict-${report.verdict}`}>
          <strong>{report.verdict === 'valid' ? t('verdict_valid') : t('verdict_invalid')}</strong> {summary.sentence}
        </dd>
      </dl>
      {failed.length > 0 ? (
        <>
          <h3>{t('verify_people_checks_failed', failed.length)}</h3>
          <ul class="print-list">
            {failed.slice(0, FAILED_LISTED).map((check, index) => (
              <li key={index} dir="auto">
                {check.file ? <code dir="ltr">{check.file}</code> : null} {checkMessage(check, report, installKeyId)}
              </li>
            ))}
            {failed.length > FAILED_LISTED ? <li>{tCount('verify_people_more_files', failed.length - FAILED_LISTED)}</li> : null}
          </ul>
        </>
      ) : null}
      {signers.length > 0 ? (
        <>
          <h3>{t('verify_people_print_signers')}</h3>
          <ul class="print-list">
            {signers.map((signer) => (
              <li key={signer.keyId} data-testid="verify-print-signer">
                <code dir="ltr">{signer.keyId}</code> {standingText(signerStanding(signer, installKeyId), signer.label)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('verify_people_print_time')}</h3>
      <ul class="print-list">
        {stamps.map(({ capture, stamp }) => (
          <li key={stamp.file}>
            {t('verify_people_print_stamp', [capture, stamp.genTime, stamp.anchor.kind === 'pinned' ? stamp.anchor.label : stamp.tsa])}
          </li>
        ))}
        {unanchored.map((stamp) => (
          <li key={stamp.file}>{t('verify_people_print_unanchored', [stamp.captureId ?? stamp.file, stamp.tsa])}</li>
        ))}
        {stamps.length === 0 && unanchored.length === 0 ? <li>{t('verify_people_time_none')}</li> : null}
      </ul>
      <h3>{tCount('count_captures', report.captures.length)}</h3>
      <ol class="print-list">
        {report.captures.map((capture) => (
          <li key={capture.id} data-testid="verify-print-capture">
            <code dir="ltr">{capture.id}</code>{' '}
            {capture.permalink ? <bdi dir="ltr">{capture.permalink}</bdi> : <span>{t('verify_people_print_no_permalink')}</span>}
          </li>
        ))}
      </ol>
      <h3>{t('verify_people_print_recheck')}</h3>
      <pre class="print-commands" dir="ltr" data-testid="verify-print-commands">
        {recheckCommands(facts.fileName, report, facts.wacz).join('\n')}
      </pre>
      {facts.wacz ? <p>{t('verify_people_print_wacz')}</p> : null}
    </div>
  );
}

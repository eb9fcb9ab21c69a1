// Trusted time in a verdict: each capture's anchored timestamps with the root that anchors them (pinned in PostProof,
// or the root the person chose), and the tokens that reach no such root, which are named but never shown as a time.
import type { UnanchoredTimestamp, VerifyReport } from '../utils/evidence/verify-types';
import { t } from '../utils/i18n/i18n';
import { formatLocalTime } from './format';
import { Message } from './message';

/** Tokens whose time is not anchored (the report lists them): their times are not trusted. */
export function unanchoredStamps(report: Pick<VerifyReport, 'unanchored'>): UnanchoredTimestamp[] {
  return report.unanchored ?? [];
}

/** The unanchored tokens of one capture. */
export function unanchoredOf(report: Pick<VerifyReport, 'unanchored'>, captureId: string): UnanchoredTimestamp[] {
  return unanchoredStamps(report).filter((stamp) => stamp.captureId === captureId);
}

type Capture = VerifyReport['captures'][number];

export function CaptureStamps({ capture, report }: { capture: Capture; report: Pick<VerifyReport, 'unanchored'> }) {
  const anchored = capture.timestamps ?? [];
  const unanchored = unanchoredOf(report, capture.id);
  if (anchored.length === 0 && unanchored.length === 0) return null;
  return (
    <ul class="stamps">
      {anchored.map((stamp) => {
        const time = (
          <time dateTime={stamp.genTime} title={t('utc_time', stamp.genTime)}>
            {formatLocalTime(stamp.genTime)}
          </time>
        );
        const who = <bdi>{stamp.tsa}</bdi>;
        return (
          <li key={stamp.file} data-testid="verify-timestamp" data-anchor={stamp.anchor.kind} data-file={stamp.file}>
            {stamp.anchor.kind === 'pinned' ? (
              <Message id="stamp_anchored_pinned" slots={[who, time, <bdi>{stamp.anchor.label}</bdi>]} />
            ) : (
              <Message id="stamp_anchored_user" slots={[who, time]} />
            )}
            <div class="hint">
              <Message id="stamp_root_sha256" slots={[<code dir="ltr">{stamp.anchor.rootSha256}</code>]} />
            </div>
          </li>
        );
      })}
      {unanchored.map((stamp) => (
        <li key={stamp.file} class="stamp-unanchored" data-testid="verify-timestamp-unanchored" data-file={stamp.file}>
          <Message id="stamp_unanchored" slots={[<code dir="ltr">{stamp.file}</code>]} />
        </li>
      ))}
    </ul>
  );
}

// One row of the dashboard's list: checkbox, thumbnail, platform, author, first words, post and capture times,
// timestamp state, and the capture's cases and tags.
import { memo } from 'preact/compat';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, CaseRecord, WitnessListingState } from '../utils/store/rows';
import type { PostProofDb } from '../utils/store/db';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { useArtifactUrl, type ReadSchedule } from './artifact-url';
import { atHandle, formatLocalTime, groupFingerprint, previewText } from './format';
import { PlatformMark } from './ui/platform-mark';
import { CaptureKindChip } from './capture-kind';
import { StatusBadge, type BadgeState } from './ui/status-badge';
import { lockerChipText, type LockerSummary } from './locker-state';

const PREVIEW_CHARS = 160;

/** In the interface language, hours and minutes (format.ts caches one formatter for every row). */
const rowTime = (iso: string): string => formatLocalTime(iso, undefined, 'short');

export const STAMP_LABELS: Record<CaptureStampState, MessageKey> = {
  off: 'stamp_off',
  waiting: 'stamp_waiting',
  stamped: 'stamp_stamped',
  failed: 'stamp_failed',
};

/** Each timestamp state as a badge state (its colour and symbol). */
export const STAMP_BADGES: Record<CaptureStampState, BadgeState> = { off: 'neutral', waiting: 'waiting', stamped: 'saved', failed: 'error' };

/** Each witness state as a badge state: a difference is a finding, agreement is good news. */
export const WITNESS_BADGES: Record<WitnessListingState, BadgeState> = {
  agrees: 'saved',
  unchanged: 'saved',
  differs: 'differs',
  changed: 'differs',
  'not-served': 'waiting',
  unavailable: 'neutral',
  none: 'neutral',
};

/**
 * The screenshot, scaled whole into the square; without one (screenshots not allowed, or it failed), the platform's
 * monogram, so a row never shows a blank square. Until the screenshot is read, an empty square of the same size.
 */
function Thumbnail({ db, row, schedule }: { db?: PostProofDb; row: CaptureListing; schedule: ReadSchedule }) {
  const url = useArtifactUrl(db, row.id, row.screenshotPath, 'image/png', schedule);
  if (url) return <img class="listing-thumb" src={url} alt="" loading="lazy" />;
  if (!row.screenshotPath) return <span class="listing-thumb-none" data-testid="thumb-placeholder"><PlatformMark platform={row.platform} size="lg" decorative /></span>;
  return <span class="listing-thumb listing-thumb-empty" aria-hidden="true" />;
}

export const WITNESS_LABELS: Record<WitnessListingState, MessageKey> = {
  agrees: 'witness_agrees',
  differs: 'witness_differs',
  'not-served': 'witness_not_served',
  unavailable: 'witness_unavailable',
  none: 'witness_none',
  unchanged: 'witness_unchanged',
  changed: 'witness_changed',
};

/** The states the witness filter offers, findings first. */
export const WITNESS_FILTER_STATES: readonly WitnessListingState[] = ['differs', 'changed', 'not-served', 'agrees', 'unchanged', 'unavailable', 'none'];

export interface ListingRowProps {
  db?: PostProofDb;
  row: CaptureListing;
  checked: boolean;
  stamp: CaptureStampState;
  /** The witness state as it stands (its latest re-check's); for a re-check row, its own outcome. */
  witness: WitnessListingState;
  annotation?: CaptureAnnotation;
  /** Where the capture stands in the evidence locker; absent, it was never pushed (`none`). */
  locker?: LockerSummary;
  cases: ReadonlyMap<string, CaseRecord>;
  /** When the thumbnail is read: once the list has been still for a moment (the list's ScrollQuiet). */
  thumbnailSchedule: ReadSchedule;
  onToggle: (id: string, checked: boolean) => void;
  onOpen: (id: string) => void;
}

/** Memoized: scrolling re-renders the list, but a row whose props did not change is left alone. */
export const ListingRow = memo(function ListingRow({ db, row, checked, stamp, witness, annotation, locker, cases, thumbnailSchedule, onToggle, onOpen }: ListingRowProps) {
  const summaryId = `summary-${row.id}`;
  const preview = previewText(row.excerpt, PREVIEW_CHARS);
  const lockerState = locker?.state ?? 'none';
  const chips = [...(annotation?.cases.map((id) => cases.get(id)?.name ?? id) ?? []), ...(annotation?.tags.map((tag) => `#${tag}`) ?? [])];
  return (
    <div class={`capture-row listing-row${checked ? ' is-selected' : ''}`} data-testid="capture-row" data-capture-id={row.id} data-locker-state={lockerState}>
      <input
        type="checkbox"
        class="capture-select"
        data-testid="capture-select"
        tabIndex={-1}
        checked={checked}
        aria-labelledby={summaryId}
        onChange={(event) => onToggle(row.id, event.currentTarget.checked)}
      />
      <Thumbnail db={db} row={row} schedule={thumbnailSchedule} />
      <div class="listing-body" onDblClick={() => onOpen(row.id)}>
        <div id={summaryId} class="capture-heading">
          <PlatformMark platform={row.platform} />
          <span class="capture-author" dir="auto">{row.authorName ?? t('unknown_author')}</span>
          {row.authorHandle ? <bdi class="capture-handle">{atHandle(row.authorHandle)}</bdi> : null}
          <CaptureKindChip kind={row.kind} />
          <span class="listing-times">
            {row.postedAt ? (
              <time dateTime={row.postedAt} title={t('posted_at_title', row.postedAt)}>{t('posted_short', rowTime(row.postedAt))}</time>
            ) : null}
            <time class="capture-time" dateTime={row.capturedAt} title={t('captured_at_title', row.capturedAt)}>{t('captured_short', rowTime(row.capturedAt))}</time>
          </span>
        </div>
        <div class="capture-text" dir="auto">{preview || <span class="capture-text-empty">{t('no_text')}</span>}</div>
        <div class="listing-meta">
          <StatusBadge state={STAMP_BADGES[stamp]} class={`stamp-state stamp-${stamp}`} data-testid="stamp-state" data-state={stamp}>{t(STAMP_LABELS[stamp])}</StatusBadge>
          {witness !== 'none' ? (
            <StatusBadge state={WITNESS_BADGES[witness]} class={`witness-state witness-${witness}`} data-testid="witness-state" data-state={witness}>
              {row.recheckOf ? t('witness_recheck_chip', t(WITNESS_LABELS[witness])) : t(WITNESS_LABELS[witness])}
            </StatusBadge>
          ) : null}
          {lockerState !== 'none' ? (
            <span class={`chip locker-state locker-${lockerState}`} data-testid="locker-state" data-state={lockerState} title={lockerChipText(locker)}>
              {lockerChipText(locker)}
            </span>
          ) : null}
          {row.foreignKeyId ? (
            <span class="chip foreign-signer" data-testid="foreign-signer" data-key-id={row.foreignKeyId} title={t('foreign_signer_title', groupFingerprint(row.foreignKeyId))}>
              {t('foreign_signer', groupFingerprint(row.foreignKeyId).slice(0, 9))}
            </span>
          ) : null}
          {row.kind === 'profile' ? <span class="chip capture-kind" data-testid="profile-badge">{t('profile_badge')}</span> : null}
          {chips.map((chip) => (
            <bdi key={chip} class="chip">{chip}</bdi>
          ))}
          <button type="button" class="link-button" tabIndex={-1} data-testid="open-detail" onClick={() => onOpen(row.id)}>
            {t('open_detail')}
          </button>
        </div>
      </div>
    </div>
  );
});

// The list of captures shared by the popup and the side panel: one row per capture, each with its own checkbox, its
// platform's mark, and its time in the interface language (the UTC ISO time as the title and the <time> value).
import type { StoredCapture, StoredStamp } from '../utils/store/rows';
import { t } from '../utils/i18n/i18n';
import { atHandle, formatLocalTime, previewText } from './format';
import { StampState } from './stamp-state';
import { PlatformMark } from './ui/platform-mark';
import { CaptureKindChip, kindOfRecord } from './capture-kind';

export interface CaptureListProps {
  captures: readonly StoredCapture[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  /** Shorter previews in the popup. */
  previewChars?: number;
  /** Each capture's timestamps by capture id; a capture without any shows "not timestamped". */
  stamps?: ReadonlyMap<string, readonly StoredStamp[]>;
}

function CaptureRow({ capture, checked, onToggle, previewChars, stamps }: {
  capture: StoredCapture;
  checked: boolean;
  onToggle: CaptureListProps['onToggle'];
  previewChars?: number;
  stamps?: readonly StoredStamp[];
}) {
  const inputId = `select-${capture.id}`;
  const summaryId = `summary-${capture.id}`;
  const preview = previewText(capture.text, previewChars);
  return (
    <li class="capture-row" data-testid="capture-row" data-capture-id={capture.id}>
      <input
        type="checkbox"
        id={inputId}
        class="capture-select"
        data-testid="capture-select"
        checked={checked}
        aria-labelledby={summaryId}
        onChange={(event) => onToggle(capture.id, event.currentTarget.checked)}
      />
      <label for={inputId} class="capture-body">
        <span id={summaryId} class="capture-heading">
          <PlatformMark platform={capture.platform} />
          <span class="capture-author" dir="auto">{capture.authorName ?? t('unknown_author')}</span>
          {capture.authorHandle ? <bdi class="capture-handle">{atHandle(capture.authorHandle)}</bdi> : null}
          <CaptureKindChip kind={kindOfRecord(capture.recordBytes)} />
          <time class="capture-time" dateTime={capture.capturedAt} title={t('utc_time', capture.capturedAt)}>
            {formatLocalTime(capture.capturedAt)}
          </time>
        </span>
        {preview ? (
          <span class="capture-text" dir="auto">{preview}</span>
        ) : (
          <span class="capture-text capture-text-empty">{t('no_text')}</span>
        )}
        <StampState capture={capture} stamps={stamps} />
      </label>
    </li>
  );
}

export function CaptureList({ captures, selected, onToggle, previewChars, stamps }: CaptureListProps) {
  return (
    <ul class="capture-list" aria-label={t('list_label')}>
      {captures.map((capture) => (
        <CaptureRow
          key={capture.id}
          capture={capture}
          checked={selected.has(capture.id)}
          onToggle={onToggle}
          previewChars={previewChars}
          stamps={stamps?.get(capture.id)}
        />
      ))}
    </ul>
  );
}

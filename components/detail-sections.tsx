// The parts of the capture detail that show what the record holds: the fields as read, the media files (at their
// original resolution, with size and SHA-256), what was not captured and why, the timestamps (the collector's clock,
// the platform server's Date, each authority's token and its state), the custody log, and the record's own hash
// and signature facts. Pure display of a loaded capture: capture-detail.tsx loads it.
import type { ArtifactEntry, CaptureRecord, CustodyEventType } from '../utils/model';
import type { StoredCapture, StoredStamp } from '../utils/store/rows';
import type { CustodyEvent } from '../utils/provenance/custody';
import type { PostProofDb } from '../utils/store/db';
import { t, type MessageKey } from '../utils/i18n/i18n';
import { useArtifactUrl } from './artifact-url';
import { atHandle, formatLocalTime, groupFingerprint, localOffset } from './format';
import { StampState } from './stamp-state';

const BYTE_UNITS = [
  [1024 * 1024 * 1024, 'gigabyte'],
  [1024 * 1024, 'megabyte'],
  [1024, 'kilobyte'],
] as const;

/** "1.4 MB", "512 byte" in the reader's locale (Intl unit formatting). */
export function formatBytes(bytes: number): string {
  for (const [size, unit] of BYTE_UNITS) {
    if (bytes >= size) return new Intl.NumberFormat(undefined, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
  }
  return new Intl.NumberFormat(undefined, { style: 'unit', unit: 'byte' }).format(bytes);
}

/** A time in the reader's zone, with the UTC instant kept in the element (and shown as its title). */
function Time({ iso }: { iso: string }) {
  return <time dateTime={iso} title={t('detail_utc_title', iso)}>{formatLocalTime(iso)}</time>;
}

const ROLE_LABELS: Record<ArtifactEntry['role'], MessageKey> = {
  'dom-snapshot': 'detail_role_snapshot',
  screenshot: 'detail_role_screenshot',
  media: 'detail_role_media',
  'page-mhtml': 'detail_role_page',
  'second-witness': 'detail_role_witness',
};

export function PostFields({ record }: { record: CaptureRecord }) {
  const post = record.post;
  return (
    <section class="detail-section" aria-labelledby="detail-fields-heading" data-testid="detail-fields">
      <h3 id="detail-fields-heading">{t('detail_fields_heading')}</h3>
      <p class="hint">{t('detail_fields_hint')}</p>
      <dl class="detail-facts">
        <dt>{t('platform_label')}</dt>
        <dd data-field="platform">{post.platform}</dd>
        <dt>{t('detail_author_label')}</dt>
        <dd data-field="author"><bdi>{post.author?.name ?? t('unknown_author')}</bdi></dd>
        {post.author?.handle ? (
          <>
            <dt>{t('detail_handle_label')}</dt>
            <dd data-field="handle"><bdi dir="ltr">{atHandle(post.author.handle)}</bdi></dd>
          </>
        ) : null}
        <dt>{t('permalink_label')}</dt>
        <dd data-field="permalink">
          {post.url ? <a href={post.url} target="_blank" rel="noopener noreferrer" dir="ltr">{post.url}</a> : <span class="hint">{t('detail_not_read')}</span>}
        </dd>
        <dt>{t('posted_label')}</dt>
        <dd data-field="posted">
          {post.postedAt ? <Time iso={post.postedAt} /> : <span class="hint">{t('detail_not_read')}</span>}
        </dd>
        <dt>{t('detail_language_label')}</dt>
        <dd data-field="language">{post.lang ? <code dir="ltr">{post.lang}</code> : <span class="hint">{t('detail_not_read')}</span>}</dd>
        {post.missingFields?.length ? (
          <>
            <dt>{t('detail_fields_missing_label')}</dt>
            <dd data-field="missing-fields"><code dir="ltr">{post.missingFields.join(', ')}</code></dd>
          </>
        ) : null}
      </dl>
      <h4>{t('detail_text_label')}</h4>
      {post.text ? (
        <p class="detail-text" dir="auto" lang={post.lang} data-field="text">{post.text}</p>
      ) : (
        <p class="hint">{t('no_text')}</p>
      )}
    </section>
  );
}

function MediaItem({ db, captureId, artifact }: { db: PostProofDb; captureId: string; artifact: ArtifactEntry }) {
  const url = useArtifactUrl(db, captureId, artifact.path, artifact.mediaType);
  const name = artifact.path.split('/').pop() ?? artifact.path;
  const image = artifact.mediaType.startsWith('image/');
  const playable = artifact.mediaType.startsWith('video/') && !/\.(ts|m4s)$/.test(artifact.path);
  return (
    <li class="detail-media-item" data-path={artifact.path}>
      <figure>
        {url && image ? (
          <a href={url} target="_blank" rel="noopener" aria-label={t('detail_media_open', name)}>
            <img class="detail-media" src={url} alt={t('detail_media_alt', name)} />
          </a>
        ) : url && playable ? (
          <video class="detail-media" src={url} controls preload="metadata" aria-label={t('detail_media_alt', name)} />
        ) : null}
        <figcaption>
          <dl class="detail-facts detail-facts-small">
            <dt>{t('detail_file_label')}</dt>
            <dd>{url ? <a href={url} download={name}><code dir="ltr">{artifact.path}</code></a> : <code dir="ltr">{artifact.path}</code>}</dd>
            <dt>{t('detail_size_label')}</dt>
            <dd><span dir="ltr">{formatBytes(artifact.bytes)}</span> · <code dir="ltr">{artifact.mediaType}</code></dd>
            <dt>{t('detail_sha256_label')}</dt>
            <dd><code dir="ltr" class="detail-hash">{artifact.sha256}</code></dd>
            {artifact.sourceUrl ? (
              <>
                <dt>{t('detail_source_label')}</dt>
                <dd><code dir="ltr" class="detail-hash">{artifact.sourceUrl}</code></dd>
              </>
            ) : null}
          </dl>
        </figcaption>
      </figure>
    </li>
  );
}

export function MediaSection({ db, record }: { db: PostProofDb; record: CaptureRecord }) {
  const media = record.artifacts.filter((a) => a.role === 'media');
  return (
    <section class="detail-section" aria-labelledby="detail-media-heading" data-testid="detail-media">
      <h3 id="detail-media-heading">{t('media_heading')}</h3>
      {media.length === 0 ? (
        <p class="hint">{t('detail_no_media')}</p>
      ) : (
        <>
          <p class="hint">{t('detail_media_hint')}</p>
          <ul class="detail-media-list">
            {media.map((artifact) => <MediaItem key={artifact.path} db={db} captureId={record.id} artifact={artifact} />)}
          </ul>
        </>
      )}
    </section>
  );
}

export function MissingSection({ record }: { record: CaptureRecord }) {
  return (
    <section class="detail-section" aria-labelledby="detail-missing-heading" data-testid="detail-missing" data-count={record.missing.length}>
      <h3 id="detail-missing-heading">{t('missing_heading')}</h3>
      {record.missing.length === 0 ? (
        <p class="hint">{t('detail_nothing_missing')}</p>
      ) : (
        <ul class="detail-missing-list">
          {record.missing.map((gap, index) => (
            <li key={index} data-role={gap.role}>
              <strong>{t(ROLE_LABELS[gap.role])}</strong>
              {gap.sourceUrl ? <> <code dir="ltr" class="detail-hash">{gap.sourceUrl}</code></> : null}
              <p class="detail-reason" dir="auto" data-testid="detail-missing-reason">{gap.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const STAMP_STATE_LABELS: Record<StoredStamp['state'], MessageKey> = {
  waiting: 'stamp_waiting',
  stamped: 'stamp_stamped',
  failed: 'stamp_failed',
};

export function TimestampSection({ stored, record, stamps }: { stored: StoredCapture; record: CaptureRecord; stamps: readonly StoredStamp[] }) {
  const serverDate = record.clock.serverDate;
  return (
    <section class="detail-section" aria-labelledby="detail-time-heading" data-testid="detail-timestamps">
      <h3 id="detail-time-heading">{t('detail_time_heading')}</h3>
      <dl class="detail-facts">
        <dt>{t('detail_local_clock_label')}</dt>
        <dd>
          <Time iso={record.capturedAt} /> <span class="hint">({t('detail_time_zone', record.clock.timeZone)})</span>
        </dd>
        {serverDate ? (
          <>
            <dt>{t('clock_server')}</dt>
            <dd><bdi dir="ltr">{serverDate}</bdi></dd>
          </>
        ) : null}
        <dt>{t('timestamp_label')}</dt>
        <dd><StampState capture={stored} stamps={stamps} /></dd>
      </dl>
      {stamps.length === 0 ? (
        <p class="hint">{t('clock_no_timestamp')}</p>
      ) : (
        <ul class="detail-stamps">
          {stamps.map((stamp) => (
            <li key={stamp.tsaId} class={`detail-stamp stamp-${stamp.state}`} data-testid="detail-stamp" data-state={stamp.state}>
              <dl class="detail-facts detail-facts-small">
                <dt>{t('detail_authority_label')}</dt>
                <dd><bdi>{stamp.tsaName}</bdi> <code dir="ltr" class="detail-hash">{stamp.tsaUrl}</code></dd>
                <dt>{t('detail_stamp_state_label')}</dt>
                <dd><span class={`stamp-state stamp-${stamp.state}`}>{t(STAMP_STATE_LABELS[stamp.state])}</span></dd>
                {stamp.genTime ? (
                  <>
                    <dt>{t('detail_gen_time_label')}</dt>
                    <dd>
                      <Time iso={stamp.genTime} /> <span class="hint">({localOffset(Date.parse(stamp.genTime) - Date.parse(record.capturedAt))})</span>
                    </dd>
                  </>
                ) : null}
                {stamp.signer ? (
                  <>
                    <dt>{t('detail_stamp_signer_label')}</dt>
                    <dd><bdi dir="ltr">{stamp.signer}</bdi></dd>
                  </>
                ) : null}
                {stamp.state !== 'stamped' ? (
                  <>
                    <dt>{t('detail_attempts_label')}</dt>
                    <dd>{stamp.attempts}</dd>
                  </>
                ) : null}
                {stamp.lastError && stamp.state !== 'stamped' ? (
                  <>
                    <dt>{t('detail_reason_label')}</dt>
                    <dd dir="auto">{stamp.lastError.message}</dd>
                  </>
                ) : null}
                {stamp.state === 'waiting' && stamp.nextAttemptAt ? (
                  <>
                    <dt>{t('detail_next_try_label')}</dt>
                    <dd><Time iso={new Date(stamp.nextAttemptAt).toISOString()} /></dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const EVENT_LABELS: Record<CustodyEventType, MessageKey> = {
  captured: 'detail_event_captured',
  timestamped: 'detail_event_timestamped',
  annotated: 'detail_event_annotated',
  exported: 'detail_event_exported',
  verified: 'detail_event_verified',
  rechecked: 'detail_event_rechecked',
  pushed: 'detail_event_pushed',
  threaded: 'threadrec_event_threaded',
};

/** The details of an event worth a line: plain values only, keys as written in the log. */
function eventDetails(details: Record<string, unknown>): string[] {
  return Object.entries(details)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value)}`);
}

export function CustodySection({ events }: { events: readonly CustodyEvent[] }) {
  return (
    <section class="detail-section" aria-labelledby="detail-custody-heading" data-testid="detail-custody">
      <h3 id="detail-custody-heading">{t('custody_heading')}</h3>
      <p class="hint">{t('detail_custody_hint')}</p>
      <ol class="custody" data-testid="custody-history">
        {events.map((event) => (
          <li key={event.index} data-event={event.event}>
            <strong>{t(EVENT_LABELS[event.event])}</strong> <Time iso={event.at} />
            {eventDetails(event.details).length > 0 ? (
              <ul class="detail-event-details">
                {eventDetails(event.details).map((line) => <li key={line}><code dir="ltr" class="detail-hash">{line}</code></li>)}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function RecordFacts({ stored, record, installKeyId }: { stored: StoredCapture; record: CaptureRecord; installKeyId?: string }) {
  const keyId = stored.foreignSigner?.keyId ?? record.signer.keyId;
  return (
    <section class="detail-section" aria-labelledby="detail-record-heading" data-testid="detail-record-facts">
      <h3 id="detail-record-heading">{t('detail_record_facts_heading')}</h3>
      <dl class="detail-facts">
        <dt>{t('record_sha256_label')}</dt>
        <dd><code dir="ltr" class="detail-hash" data-testid="detail-record-sha256">{stored.recordSha256}</code></dd>
        <dt>{t('detail_signature_label')}</dt>
        <dd>
          <code dir="ltr">{record.signer.algorithm}</code> · <code dir="ltr" class="detail-hash">{hex(stored.signature)}</code>
        </dd>
        <dt>{t('detail_signing_key_label')}</dt>
        <dd>
          <code dir="ltr" class="detail-hash">{groupFingerprint(keyId)}</code>{' '}
          <span class="hint">{stored.foreignSigner ? t('detail_key_foreign') : installKeyId === keyId ? t('detail_key_own') : ''}</span>
        </dd>
        <dt>{t('detail_sequence_label')}</dt>
        <dd>{record.sequence}</dd>
        <dt>{t('detail_previous_label')}</dt>
        <dd>{record.previousCaptureSha256 ? <code dir="ltr" class="detail-hash">{record.previousCaptureSha256}</code> : <span class="hint">{t('detail_first_in_chain')}</span>}</dd>
        {record.collector?.name || record.collector?.organization ? (
          <>
            <dt>{t('detail_collector_label')}</dt>
            <dd><bdi>{[record.collector.name, record.collector.organization, record.collector.persona].filter(Boolean).join(' · ')}</bdi></dd>
          </>
        ) : null}
        <dt>{t('detail_software_label')}</dt>
        <dd><bdi dir="ltr">{record.environment.software}</bdi></dd>
      </dl>
    </section>
  );
}

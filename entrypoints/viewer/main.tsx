// Viewer (viewer.html?capture=ID): the capture's snapshot, in a sandboxed frame without scripts, beside its screenshot.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/pages.css';
import './viewer.css';
import { Message } from '../../components/message';
import { applyUiLocale, t } from '../../utils/i18n/i18n';
import { loadCaptureView, type CaptureView } from './load';
import { errorMessage } from '../../utils/error-message';
import { formatLocalTime } from '../../components/format';

function Viewer({ captureId }: { captureId: string | null }) {
  const [view, setView] = useState<CaptureView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!captureId) {
      setError(t('viewer_no_capture'));
      return;
    }
    let urls: string[] = [];
    loadCaptureView(captureId)
      .then((loaded) => {
        urls = loaded.objectUrls;
        setView(loaded);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, [captureId]);

  if (error) return <main><h1>{t('viewer_title')}</h1><p class="error" role="alert">{error}</p></main>;
  if (!view) return <main><h1>{t('viewer_title')}</h1><p class="status">{t('loading')}</p></main>;
  const { record } = view;
  return (
    <main class="viewer">
      <h1>{t('viewer_title')}</h1>
      <p>
        <Message
          id="viewer_byline"
          slots={[
            <bdi dir="ltr">{record.post.author?.name ?? record.post.platform}{record.post.author?.handle ? ` @${record.post.author.handle}` : ''}</bdi>,
            // The local time in the interface language, then the record's own UTC time as evidence states it.
            <time dateTime={record.capturedAt} title={t('utc_time', record.capturedAt)}>
              {formatLocalTime(record.capturedAt)} <bdi dir="ltr" class="hint">({record.capturedAt})</bdi>
            </time>,
            record.post.url ? <a href={record.post.url} rel="noreferrer noopener" target="_blank" dir="ltr">{record.post.url}</a> : <bdi dir="ltr">{record.page.url}</bdi>,
          ]}
        />
      </p>
      <div class="panes">
        <section>
          <h2>{t('viewer_snapshot_heading')}</h2>
          <p class="hint">{t('viewer_snapshot_hint')}</p>
          {view.snapshotHtml === undefined ? (
            <p class="empty">{t('viewer_no_snapshot')}</p>
          ) : (
            <iframe
              data-testid="viewer-snapshot"
              title={t('viewer_snapshot_title')}
              sandbox=""
              referrerpolicy="no-referrer"
              srcdoc={view.snapshotHtml}
              style={view.frameSize ? { inlineSize: `${view.frameSize.width}px`, blockSize: `${view.frameSize.height}px` } : undefined}
            />
          )}
        </section>
        <section>
          <h2>{t('viewer_screenshot_heading')}</h2>
          <p class="hint">{t('viewer_screenshot_hint')}</p>
          {view.screenshotUrl ? (
            <img data-testid="viewer-screenshot" src={view.screenshotUrl} alt={t('screenshot_alt')} style={view.frameSize ? { inlineSize: `${view.frameSize.width - 16}px` } : undefined} />
          ) : (
            <p class="empty">{t('no_screenshot')}</p>
          )}
        </section>
      </div>
      {view.videos.length > 0 ? (
        <section>
          <h2>{t('viewer_videos_heading')}</h2>
          {view.videos.map((video) => (
            <figure key={video.path}>
              <video controls preload="metadata" src={video.url} />
              <figcaption><code>{video.path}</code></figcaption>
            </figure>
          ))}
        </section>
      ) : null}
      {record.missing.length > 0 ? (
        <section>
          <h2>{t('missing_heading')}</h2>
          <ul data-testid="viewer-missing">
            {record.missing.map((gap, index) => (
              <li key={index}>
                <Message id="viewer_missing_item" slots={[<><strong>{gap.role}</strong>{gap.sourceUrl ? <> <code dir="ltr">{gap.sourceUrl}</code></> : null}</>, <span dir="auto">{gap.reason}</span>]} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

applyUiLocale();
document.title = t('viewer_page_title');
render(<Viewer captureId={new URLSearchParams(location.search).get('capture')} />, document.getElementById('app')!);

// Viewer (viewer.html?capture=ID): the capture's snapshot, in a sandboxed frame without scripts, beside its screenshot.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/pages.css';
import './viewer.css';
import { loadCaptureView, type CaptureView } from './load';

function Viewer({ captureId }: { captureId: string | null }) {
  const [view, setView] = useState<CaptureView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!captureId) {
      setError('No capture was named: open this page from the dashboard, or as viewer.html?capture=ID.');
      return;
    }
    let urls: string[] = [];
    loadCaptureView(captureId)
      .then((loaded) => {
        urls = loaded.objectUrls;
        setView(loaded);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, [captureId]);

  if (error) return <main><h1>Capture viewer</h1><p class="error" role="alert">{error}</p></main>;
  if (!view) return <main><h1>Capture viewer</h1><p class="status">Loading…</p></main>;
  const { record } = view;
  return (
    <main class="viewer">
      <h1>Capture viewer</h1>
      <p>
        {record.post.author?.name ?? record.post.platform} {record.post.author?.handle ? `@${record.post.author.handle}` : ''} ·{' '}
        captured <time dateTime={record.capturedAt}>{record.capturedAt}</time> ·{' '}
        {record.post.url ? <a href={record.post.url} rel="noreferrer noopener" target="_blank">{record.post.url}</a> : record.page.url}
      </p>
      <div class="panes">
        <section>
          <h2>Snapshot (post.html)</h2>
          <p class="hint">The saved DOM copy, shown without scripts or network; images are the captured files.</p>
          {view.snapshotHtml === undefined ? (
            <p class="empty">This capture has no snapshot.</p>
          ) : (
            <iframe
              data-testid="viewer-snapshot"
              title="Snapshot of the post"
              sandbox=""
              referrerpolicy="no-referrer"
              srcdoc={view.snapshotHtml}
              style={view.frameSize ? { inlineSize: `${view.frameSize.width}px`, blockSize: `${view.frameSize.height}px` } : undefined}
            />
          )}
        </section>
        <section>
          <h2>Screenshot (screenshot.png)</h2>
          <p class="hint">What the browser showed, cropped to the post. This file is the evidence of the appearance.</p>
          {view.screenshotUrl ? (
            <img data-testid="viewer-screenshot" src={view.screenshotUrl} alt="Screenshot of the post as it was shown" style={view.frameSize ? { inlineSize: `${view.frameSize.width - 16}px` } : undefined} />
          ) : (
            <p class="empty">This capture has no screenshot.</p>
          )}
        </section>
      </div>
      {view.videos.length > 0 ? (
        <section>
          <h2>Videos</h2>
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
          <h2>Not captured</h2>
          <ul data-testid="viewer-missing">
            {record.missing.map((gap, index) => (
              <li key={index}><strong>{gap.role}</strong>{gap.sourceUrl ? <> <code>{gap.sourceUrl}</code></> : null}: {gap.reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

render(<Viewer captureId={new URLSearchParams(location.search).get('capture')} />, document.getElementById('app')!);

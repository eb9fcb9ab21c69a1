// The capture detail's evidence side by side: the screenshot (what the browser showed) beside the DOM snapshot
// (post.html), stacked on narrow widths. The snapshot is shown as the viewer shows it: a srcdoc frame with an empty
// `sandbox` (no scripts, no same origin, no forms, no popups), no referrer, its images inlined as data: URLs from the
// capture's own files, and the snapshot's own CSP (default-src 'none') inside it: captured HTML never runs, and
// never loads anything, in the extension page.
import { useEffect, useState } from 'preact/hooks';
import type { CaptureRecord } from '../utils/model';
import { resolveSnapshotMedia } from '../utils/capture/snapshot-media';
import { inertSnapshot } from './inert-snapshot';
import { readArtifact, readArtifactFile } from '../utils/store/captures';
import type { PostProofDb } from '../utils/store/db';
import { t } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';

/** Images larger than this are left out of the inlined snapshot (the media list shows them): srcdoc stays small. */
const INLINE_IMAGE_LIMIT = 8 * 1024 * 1024;

function dataUrl(mediaType: string, bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return `data:${mediaType};base64,${btoa(binary)}`;
}

/** post.html of the capture as shown: its captured images as data: URLs (a srcdoc frame has no folder to read them from), and nothing to Tab to or follow (inert-snapshot.ts). */
export async function readSnapshotHtml(db: PostProofDb, record: CaptureRecord): Promise<string | undefined> {
  const snapshot = record.artifacts.find((artifact) => artifact.role === 'dom-snapshot');
  if (!snapshot) return undefined;
  const images = new Map<string, string>();
  for (const artifact of record.artifacts) {
    if (artifact.role !== 'media' || !artifact.mediaType.startsWith('image/') || artifact.bytes > INLINE_IMAGE_LIMIT) continue;
    images.set(artifact.path, dataUrl(artifact.mediaType, await readArtifact(db, record.id, artifact.path)));
  }
  const html = await (await readArtifactFile(db, record.id, snapshot.path, 'text/html')).text();
  return inertSnapshot(resolveSnapshotMedia(html, (path) => images.get(path)));
}

interface Screenshot {
  url: string;
  /** Size in CSS pixels (device pixels over the capture's pixel ratio). */
  width?: number;
  height?: number;
}

export function DetailEvidence({ db, record }: { db: PostProofDb; record: CaptureRecord }) {
  const [snapshot, setSnapshot] = useState<{ html?: string; error?: string }>();
  const [shot, setShot] = useState<Screenshot>();
  const screenshot = record.artifacts.find((artifact) => artifact.role === 'screenshot');

  useEffect(() => {
    let cancelled = false;
    setSnapshot(undefined);
    readSnapshotHtml(db, record).then(
      (html) => !cancelled && setSnapshot({ html }),
      (error: unknown) => !cancelled && setSnapshot({ error: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [db, record]);

  useEffect(() => {
    if (!screenshot || typeof URL.createObjectURL !== 'function') return undefined;
    let cancelled = false;
    let url: string | undefined;
    readArtifactFile(db, record.id, screenshot.path, screenshot.mediaType).then(async (file) => {
      if (cancelled) return;
      url = URL.createObjectURL(file);
      const shown: Screenshot = { url };
      try {
        const bitmap = await createImageBitmap(file);
        const ratio = record.environment.viewport.devicePixelRatio || 1;
        shown.width = Math.ceil(bitmap.width / ratio);
        shown.height = Math.ceil(bitmap.height / ratio);
        bitmap.close();
      } catch {
        // Not decodable here (or no createImageBitmap): shown at the column's width.
      }
      if (!cancelled) setShot(shown);
    }, () => undefined);
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setShot(undefined);
    };
  }, [db, record, screenshot?.path]);

  // The frame is as tall as the screenshot (plus the snapshot's body margin), within the CSS's bounds.
  const frameSize = shot?.width && shot.height ? { width: shot.width + 16, height: shot.height + 16 } : undefined;
  return (
    <div class="detail-evidence">
      <figure class="detail-pane" aria-labelledby="detail-screenshot-heading">
        <h3 id="detail-screenshot-heading">{t('viewer_screenshot_heading')}</h3>
        <p class="hint">{t('viewer_screenshot_hint')}</p>
        {screenshot ? (
          shot ? (
            <img
              class="detail-screenshot"
              data-testid="detail-screenshot"
              src={shot.url}
              alt={t('screenshot_alt')}
              width={shot.width}
              height={shot.height}
            />
          ) : (
            <p class="status">{t('loading')}</p>
          )
        ) : (
          <p class="empty" data-testid="detail-no-screenshot">{t('no_screenshot')}</p>
        )}
      </figure>
      <figure class="detail-pane" aria-labelledby="detail-snapshot-heading">
        <h3 id="detail-snapshot-heading">{t('viewer_snapshot_heading')}</h3>
        <p class="hint">{t('viewer_snapshot_hint')}</p>
        {snapshot === undefined ? (
          <p class="status">{t('loading')}</p>
        ) : snapshot.error ? (
          <p class="error" role="alert">{snapshot.error}</p>
        ) : snapshot.html === undefined ? (
          <p class="empty" data-testid="detail-no-snapshot">{t('viewer_no_snapshot')}</p>
        ) : (
          // Shown at the size it was captured at (the fidelity tests find the snapshot drawn within a few per cent of
          // the screenshot), not scrolling inside, and inert: a picture of the post beside its screenshot, whose text
          // the fields above give. Focus inside the frame would be lost to the page (its keys never reach the
          // detail's j/k and Escape, and Chromium draws no focus ring on a frame), and scrollable parts of the
          // captured page take the focus. The box around it scrolls and is the Tab stop; the viewer (open-viewer)
          // shows the snapshot whole, to read and select in. The box scrolls from the left edge, as the screenshot
          // beside it is drawn (in a right-to-left page it would start at the right and cut the post's left side).
          <div class="detail-snapshot-scroll" dir="ltr" tabIndex={0} role="region" aria-label={t('viewer_snapshot_title')} data-testid="detail-snapshot-scroll">
            <iframe
              class="detail-snapshot"
              data-testid="detail-snapshot"
              title={t('viewer_snapshot_title')}
              sandbox=""
              referrerpolicy="no-referrer"
              scrolling="no"
              inert
              srcdoc={snapshot.html}
              style={frameSize ? { inlineSize: `${frameSize.width}px`, blockSize: `${frameSize.height}px` } : undefined}
            />
          </div>
        )}
      </figure>
    </div>
  );
}

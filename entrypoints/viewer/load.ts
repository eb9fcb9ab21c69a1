// Reads one capture from the store for the viewer: the record, post.html with its media inlined, the screenshot.
import { t } from '../../utils/i18n/i18n';
import type { CaptureRecord } from '../../utils/model';
import { resolveSnapshotMedia } from '../../utils/capture/snapshot-media';
import { inertSnapshot } from '../../components/inert-snapshot';
import { getCapture, readArtifact, readArtifactFile } from '../../utils/store/captures';
import { openPostProofDb } from '../../utils/store/db';

export interface CaptureView {
  record: CaptureRecord;
  /** post.html with its images as data: URLs: a srcdoc frame has no folder to read media/N.ext from. */
  snapshotHtml?: string;
  screenshotUrl?: string;
  /** The screenshot's size in CSS pixels plus the snapshot's body margin: the frame shows the post unscrolled. */
  frameSize?: { width: number; height: number };
  videos: { path: string; url: string }[];
  objectUrls: string[];
}

function dataUrl(mediaType: string, bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return `data:${mediaType};base64,${btoa(binary)}`;
}

export async function loadCaptureView(captureId: string): Promise<CaptureView> {
  const db = await openPostProofDb();
  const stored = await getCapture(db, captureId);
  if (!stored) throw new Error(t('viewer_capture_missing', captureId));
  const record = JSON.parse(new TextDecoder().decode(stored.recordBytes)) as CaptureRecord;
  const objectUrls: string[] = [];
  const view: CaptureView = { record, videos: [], objectUrls };

  const images = new Map<string, string>();
  for (const artifact of record.artifacts) {
    if (artifact.role !== 'media') continue;
    if (artifact.mediaType.startsWith('image/')) {
      images.set(artifact.path, dataUrl(artifact.mediaType, await readArtifact(db, captureId, artifact.path)));
    } else if (artifact.mediaType.startsWith('video/') && !/\.(ts|m4s)$/.test(artifact.path)) {
      // The stored Blob itself: a video of hundreds of MB is not read into the page to be shown.
      const url = URL.createObjectURL(await readArtifactFile(db, captureId, artifact.path, artifact.mediaType));
      objectUrls.push(url);
      view.videos.push({ path: artifact.path, url });
    }
  }
  const snapshot = record.artifacts.find((artifact) => artifact.role === 'dom-snapshot');
  if (snapshot) {
    const html = new TextDecoder().decode(await readArtifact(db, captureId, snapshot.path));
    view.snapshotHtml = inertSnapshot(resolveSnapshotMedia(html, (path) => images.get(path)));
  }
  const screenshot = record.artifacts.find((artifact) => artifact.role === 'screenshot');
  if (screenshot) {
    const blob = await readArtifactFile(db, captureId, screenshot.path, 'image/png');
    view.screenshotUrl = URL.createObjectURL(blob);
    objectUrls.push(view.screenshotUrl);
    const bitmap = await createImageBitmap(blob);
    const ratio = record.environment.viewport.devicePixelRatio || 1;
    view.frameSize = { width: Math.ceil(bitmap.width / ratio) + 16, height: Math.ceil(bitmap.height / ratio) + 16 };
    bitmap.close();
  }
  return view;
}

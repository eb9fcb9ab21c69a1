// Bundled by the bench (esbuild, IIFE) and run inside an extension page: commits captures with large synthetic
// media and a real PNG screenshot through the real capture pipeline and store, with the install's own key, then
// draws each one's annotated copy as the background does once a capture's stamps are settled (none here). Never
// shipped in the extension.
import { canvasScreenshotAnnotator } from '../../utils/evidence/annotate-canvas';
import { preservePost } from '../../utils/capture/worker/pipeline';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import { openPostProofDb } from '../../utils/store/db';
import { prepareAnnotatedCopy } from '../../utils/export/derived-copies';
import { sampleCaptureRequest } from '../support/capture-request';

/** A post-sized screenshot of text lines, 600 × 700 px, as PNG (about 190 kB): what the annotated copy is drawn from. */
async function screenshotPng(): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(600, 700);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#222';
  context.font = '16px sans-serif';
  for (let y = 20; y < canvas.height; y += 22) context.fillText(`Line ${y}: the siege, the shelling, the last message before the network went down.`, 10, y);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

/** Incompressible bytes, as photos and videos are. */
function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + 65_536)));
  return bytes;
}

/** Commits `count` captures; returns their ids and the time spent drawing their annotated copies, ms. */
async function seedCaptures(count: number, mediaBytes: number): Promise<{ ids: string[]; drawMs: number }> {
  const db = await openPostProofDb();
  const key = await getOrCreateInstallKey(db);
  const screenshot = { data: await screenshotPng(), clipped: false };
  const ids: string[] = [];
  let drawMs = 0;
  for (let i = 0; i < count; i++) {
    const media = randomBytes(mediaBytes);
    const fakeFetch = (async () =>
      new Response(media as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(media.length), Date: new Date().toUTCString() } })) as typeof fetch;
    const request = sampleCaptureRequest(`Bench post ${i}`, [`https://pbs.twimg.com/media/bench-${i}.jpg`]);
    // Each its own post, as the store keeps one capture per post id for batch capture.
    request.post = { ...request.post, id: `9${String(i).padStart(12, '0')}`, url: `https://x.com/someone/status/9${String(i).padStart(12, '0')}` };
    const reply = await preservePost(request, screenshot, {
      db,
      key,
      software: 'PostProof bench',
      fetch: fakeFetch,
    });
    if (!reply.ok) throw new Error(reply.message);
    ids.push(reply.captureId);
    const drawStart = performance.now();
    const prepared = await prepareAnnotatedCopy(db, reply.captureId, canvasScreenshotAnnotator);
    if (prepared !== 'kept') throw new Error(`no annotated copy was kept: ${JSON.stringify(prepared)}`);
    drawMs += performance.now() - drawStart;
  }
  db.close();
  return { ids, drawMs };
}

(globalThis as { postproofSeedCaptures?: typeof seedCaptures }).postproofSeedCaptures = seedCaptures;

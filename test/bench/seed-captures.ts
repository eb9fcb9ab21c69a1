// Bundled by the bench (esbuild, IIFE) and run inside an extension page: commits captures with large synthetic
// media through the real capture pipeline and store, with the install's own key. Never shipped in the extension.
import { preservePost } from '../../utils/capture/pipeline';
import { getOrCreateInstallKey } from '../../utils/provenance/install-key';
import { openPostProofDb } from '../../utils/store/db';
import { sampleCaptureRequest, sampleScreenshot } from '../support/capture-request';

/** Incompressible bytes, as photos and videos are. */
function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + 65_536)));
  return bytes;
}

async function seedCaptures(count: number, mediaBytes: number): Promise<string[]> {
  const db = await openPostProofDb();
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const media = randomBytes(mediaBytes);
    const fakeFetch = (async () =>
      new Response(media as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(media.length), Date: new Date().toUTCString() } })) as typeof fetch;
    const request = sampleCaptureRequest(`Bench post ${i}`, [`https://pbs.twimg.com/media/bench-${i}.jpg`]);
    // Each its own post, as the store keeps one capture per post id for batch capture.
    request.post = { ...request.post, id: `9${String(i).padStart(12, '0')}`, url: `https://x.com/someone/status/9${String(i).padStart(12, '0')}` };
    const reply = await preservePost(request, sampleScreenshot, {
      db,
      key,
      software: 'PostProof bench',
      fetch: fakeFetch,
    });
    if (!reply.ok) throw new Error(reply.message);
    ids.push(reply.captureId);
  }
  db.close();
  return ids;
}

(globalThis as { postproofSeedCaptures?: typeof seedCaptures }).postproofSeedCaptures = seedCaptures;

import 'fake-indexeddb/auto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { createTestTsa, startLocalTsa, type LocalTsaServer, type TestTsa } from '../../test/support/tsa';
import { verifyBundle } from '../formats/bundle';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures } from '../export/export';
import type { TsaEndpoint } from '../model';
import { readCustodyLines } from '../store/custody-log';
import { sha256Hex } from '../provenance/hash';
import { openPostProofDb, type PostProofDb } from '../store/db';
import { captureStampState, stampsOf } from '../store/stamps';
import { MAX_BAD_ANSWERS } from './stamp-policy';
import { parseCustodyLine } from '../provenance/custody';
import { getOrCreateInstallKey } from '../store/install-key';
import { createStampQueue } from './stamp-queue';
import { pemCertificates } from '../provenance/tsa-token';

let tsa: TestTsa;
let server: LocalTsaServer;
let authority: TsaEndpoint;

beforeAll(async () => {
  tsa = createTestTsa();
  server = await startLocalTsa(tsa);
  authority = { id: 'local-test', name: 'Local test TSA', url: server.url };
});
afterAll(async () => {
  await server.close();
  tsa.remove();
});

/**
 * A clock the test moves by hand, and the alarm the queue asked for. It starts a minute after the real
 * time: captures are made on the real clock and are due from then, so a fixed date would make them
 * look "not yet due" on any day after it.
 */
function harness(db: PostProofDb) {
  const clock = { now: Date.now() + 60_000 };
  const alarm: { when?: number } = {};
  const queue = createStampQueue({
    db,
    fetch,
    now: () => new Date(clock.now),
    timeoutMs: 1_000,
    schedule: (when) => {
      alarm.when = when;
    },
  });
  return { clock, alarm, queue };
}

async function capture(db: PostProofDb, text: string, stampWith: TsaEndpoint[] = [authority]): Promise<string> {
  const result = await preservePost(sampleCaptureRequest(text), sampleScreenshot, {
    db,
    key: await getOrCreateInstallKey(db),
    software: 'PostProof 0.0.0-test',
    fetch,
    stampWith,
  });
  if (!result.ok) throw new Error(result.message);
  return result.captureId;
}

describe('the timestamp queue', () => {
  it('keeps the capture while the TSA is down, retries with backoff, and stamps it once the TSA is back', async () => {
    const db = await openPostProofDb(`queue-${crypto.randomUUID()}`);
    const { clock, alarm, queue } = harness(db);
    server.behaviour = 'down';
    const id = await capture(db, 'offline capture');
    await queue.run();

    let [stamp] = await stampsOf(db, id);
    expect(stamp).toMatchObject({ state: 'waiting', attempts: 1, lastError: { code: 'TSA_UNREACHABLE' } });
    expect(captureStampState(await stampsOf(db, id))).toBe('waiting');
    expect(alarm.when).toBe(clock.now + 30_000);

    // Not due yet: nothing is sent.
    const sent = server.queries.length;
    clock.now += 10_000;
    await queue.run();
    expect(server.queries.length).toBe(sent);

    // A browser restart: a new queue over the same store picks the capture up.
    server.behaviour = 'ok';
    clock.now += 30_000;
    const restarted = createStampQueue({ db, fetch, now: () => new Date(clock.now), schedule: (when) => void (alarm.when = when) });
    await restarted.run();
    [stamp] = await stampsOf(db, id);
    expect(stamp).toMatchObject({ state: 'stamped', signer: 'CN=PostProof Test TSA' });
    // Which certificate signed it, kept from the checked signature: an export reuses that certificate's chain.
    expect(stamp!.signerSha256).toBe(await sha256Hex(pemCertificates(tsa.tsaCertPem)[0]!));
    expect(stamp!.lastError).toBeUndefined();
    expect(alarm.when).toBeUndefined();

    const events = (await readCustodyLines(db, id)).map((line) => parseCustodyLine(line)!);
    expect(events.map((e) => e.event)).toEqual(['captured', 'timestamped']);
    expect(events[1]!.details).toMatchObject({ tsa: 'Local test TSA', genTime: stamp!.genTime });
    expect((await db.get('tsaChains', 'local-test'))?.certificates.length).toBe(2);
  });

  it('never calls a wrong answer stamped, and gives up with the reason after repeated wrong answers', async () => {
    const db = await openPostProofDb(`queue-${crypto.randomUUID()}`);
    const { clock, queue } = harness(db);
    const id = await capture(db, 'wrong answers');
    for (const [n, behaviour] of (['garbage', 'wrong-imprint', 'wrong-nonce'] as const).entries()) {
      server.behaviour = behaviour;
      await queue.run();
      const [stamp] = await stampsOf(db, id);
      expect(stamp).toMatchObject({ state: 'waiting', attempts: n + 1 });
      expect(stamp!.tsr).toBeUndefined();
      clock.now += 60 * 60_000;
    }
    server.behaviour = 'garbage';
    for (let n = 3; n < MAX_BAD_ANSWERS; n++) {
      await queue.run();
      clock.now += 60 * 60_000;
    }
    const [stamp] = await stampsOf(db, id);
    expect(stamp).toMatchObject({ state: 'failed', attempts: MAX_BAD_ANSWERS, lastError: { code: 'TSA_MALFORMED' } });
    expect(captureStampState([stamp!])).toBe('failed');
    expect((await db.getAll('captures')).map((c) => c.id)).toEqual([id]);
    expect((await readCustodyLines(db, id)).length).toBe(1);
  });

  it('leaves captures made with timestamping off alone', async () => {
    const db = await openPostProofDb(`queue-${crypto.randomUUID()}`);
    const { queue } = harness(db);
    const sent = server.queries.length;
    const id = await capture(db, 'no timestamping', []);
    await queue.run();
    expect(server.queries.length).toBe(sent);
    expect(captureStampState(await stampsOf(db, id))).toBe('off');
  });

  it('exports the token, the TSA certificates and the custody log; the verifier checks them and logs nothing false', async () => {
    const db = await openPostProofDb(`queue-${crypto.randomUUID()}`);
    const { queue } = harness(db);
    server.behaviour = 'ok';
    const first = await capture(db, 'stamped one');
    const second = await capture(db, 'not stamped', []);
    await queue.run();
    const { bytes } = await exportCaptures(db, [first, second], { version: '0.0.0-test' });

    const bundled = await verifyBundle(bytes);
    expect(bundled.checks.filter((c) => !c.ok)).toEqual([]);
    const stamped = bundled.captures.find((c) => c.id === first)!;
    // Unpinned, the test authority's root (shipped in the bundle) anchors nothing: a note, and no trusted time.
    expect(stamped.timestamps).toEqual([]);
    expect(bundled.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', file: `captures/${first}/capture.json.tsr`, ok: true, note: true, message: expect.stringMatching(/time not anchored/) }));
    expect(bundled.captures.find((c) => c.id === second)!.timestamps).toEqual([]);
    expect(bundled.checks.find((c) => c.check === 'custody-chain')?.ok).toBe(true);

    const pinned = await verifyBundle(bytes, { tsaRoots: pemCertificates(tsa.caPem) });
    expect(pinned.verdict).toBe('valid');
    expect(pinned.captures.find((c) => c.id === first)!.timestamps).toEqual([expect.objectContaining({ file: `captures/${first}/capture.json.tsr`, tsa: 'CN=PostProof Test TSA', anchor: expect.objectContaining({ kind: 'user' }) })]);
    const stranger = createTestTsa('Stranger');
    try {
      const wrongRoot = await verifyBundle(bytes, { tsaRoots: pemCertificates(stranger.caPem) });
      expect(wrongRoot.captures.find((c) => c.id === first)!.timestamps).toEqual([]);
      expect(wrongRoot.checks).toContainEqual(expect.objectContaining({ check: 'timestamp', file: `captures/${first}/capture.json.tsr`, note: true }));
    } finally {
      stranger.remove();
    }

    const events = (await readCustodyLines(db, first)).map((line) => parseCustodyLine(line)!.event);
    expect(events).toEqual(['captured', 'timestamped', 'exported']);

    // Tampering: a changed token or a changed record breaks the timestamp check; a dropped custody line the chain.
    const tampered = async (path: string, change: (bytes: Uint8Array) => Uint8Array | string) => {
      const zip = await JSZip.loadAsync(bytes);
      zip.file(path, change(await zip.file(path)!.async('uint8array')), { createFolders: false });
      return verifyBundle(await zip.generateAsync({ type: 'uint8array' }));
    };
    const flip = (bytes: Uint8Array) => {
      const copy = Uint8Array.from(bytes);
      copy[copy.length - 30]! ^= 1;
      return copy;
    };
    const tsrFailed = await tampered(`captures/${first}/capture.json.tsr`, flip);
    expect(tsrFailed.checks.filter((c) => !c.ok && c.check === 'timestamp').map((c) => c.file)).toEqual([`captures/${first}/capture.json.tsr`]);
    const recordFailed = await tampered(`captures/${first}/capture.json`, (b) => new TextDecoder().decode(b).replace('stamped one', 'stamped 0ne'));
    expect(recordFailed.checks.find((c) => !c.ok && c.check === 'timestamp')?.message).toMatch(/another document.*changed after it was timestamped/);
    const custodyFailed = await tampered('custody.jsonl', (b) => new TextDecoder().decode(b).split('\n').filter((_, i) => i !== 1).join('\n'));
    expect(custodyFailed.checks.filter((c) => !c.ok).map((c) => c.check)).toContain('custody-chain');
  });
});

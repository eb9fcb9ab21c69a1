import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { parseCustodyLine } from '../provenance/custody';
import { sha256Hex } from '../provenance/hash';
import { getOrCreateInstallKey } from './install-key';
import { appendCustodyEvent, appendCustodyEvents, capturedEvent, readCustodyLines } from './custody-log';
import { openPostProofDb, type PostProofDb } from './db';

async function dbWithCaptures(count: number): Promise<{ db: PostProofDb; ids: string[] }> {
  const db = await openPostProofDb(`custody-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await preservePost(sampleCaptureRequest(`Post ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch });
    if (!reply.ok) throw new Error(reply.message);
    ids.push(reply.captureId);
  }
  return { db, ids };
}

/** Each line's index follows the one before, and names the SHA-256 of the line before. */
async function chainProblems(lines: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [n, line] of lines.entries()) {
    const event = parseCustodyLine(line);
    if (event?.index !== n) problems.push(`line ${n} has index ${event?.index}`);
    const expected = n === 0 ? null : await sha256Hex(new TextEncoder().encode(lines[n - 1]!));
    if (event?.previousSha256 !== expected) problems.push(`line ${n} does not chain`);
  }
  return problems;
}

describe('appendCustodyEvents', () => {
  it('appends one event to every chosen log, each chained to its own tail', async () => {
    const { db, ids } = await dbWithCaptures(3);
    await appendCustodyEvents(db, ids.slice(0, 2), 'exported', { bundleFile: 'a.zip' });
    await appendCustodyEvents(db, ids.slice(0, 2), 'exported', { bundleFile: 'b.zip' });
    for (const id of ids.slice(0, 2)) {
      const lines = await readCustodyLines(db, id);
      expect(lines.map((line) => parseCustodyLine(line)?.event)).toEqual(['captured', 'exported', 'exported']);
      expect(await chainProblems(lines)).toEqual([]);
    }
    expect(await readCustodyLines(db, ids[2]!)).toHaveLength(1);
    db.close();
  });

  it('loses no event and forks no log when a single append races the batch', async () => {
    const { db, ids } = await dbWithCaptures(2);
    await Promise.all([appendCustodyEvents(db, ids, 'exported', { bundleFile: 'a.zip' }), appendCustodyEvent(db, ids[0]!, 'annotated', {})]);
    const lines = await readCustodyLines(db, ids[0]!);
    expect(lines.map((line) => parseCustodyLine(line)?.event).sort()).toEqual(['annotated', 'captured', 'exported']);
    expect(await chainProblems(lines)).toEqual([]);
    expect(await chainProblems(await readCustodyLines(db, ids[1]!))).toEqual([]);
    db.close();
  });
});

describe('appendCustodyEvent', () => {
  it('lands two appends made at once one after the other, never forking the chain', async () => {
    const db = await openPostProofDb(`custody-${crypto.randomUUID()}`);
    await db.add('custody', capturedEvent('cap-1', '2026-01-01T00:00:00.000Z', 'c'.repeat(64)));
    await Promise.all([
      appendCustodyEvent(db, 'cap-1', 'timestamped', { tsa: 'A', genTime: '2026-01-01T00:00:02Z' }),
      appendCustodyEvent(db, 'cap-1', 'annotated', { notesSha256: 'd'.repeat(64) }),
    ]);
    await appendCustodyEvent(db, 'cap-1', 'exported', { bundleSha256: 'e'.repeat(64) });
    const lines = await readCustodyLines(db, 'cap-1');
    expect(lines.map((line) => parseCustodyLine(line)?.event)).toEqual(['captured', expect.any(String), expect.any(String), 'exported']);
    expect(await chainProblems(lines)).toEqual([]);
    db.close();
  });
});

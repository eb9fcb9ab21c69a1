// The verifier's witness checks, attacked: a corroboration block that claims more than its own witness files say
// (forged by whoever holds the key and re-signs), a Bluesky proof claimed over a DID document with another key, a
// re-check whose outcome or checked record do not match. Real sources read real-shaped responses (test/support/).
import { describe, expect, it } from 'vitest';
import { blueskyWitnessRoutes, runOverRoutes } from '../../test/support/bluesky-witness';
import { witnessRoutes } from '../../test/support/witness-routes';
import type { CaptureRecord } from '../model';
import { blueskyFixtures } from '../platforms/bluesky.fixtures';
import { redditFixtures } from '../platforms/reddit.fixtures';
import { sha256Hex } from '../provenance/hash';
import { corroborate } from '../witness/corroborate';
import { recheckFindings } from '../witness/recheck';
import type { WitnessResponse, WitnessSource } from '../witness/source';
import { blueskySource } from '../witness/sources/bluesky';
import { redditSource } from '../witness/sources/reddit';
import { witnessEntry, witnessPath } from '../witness/witness-files';
import type { VerifyCheck } from './verify-types';
import { checkRechecks, checkWitness } from './witness-checks';

const reddit = redditFixtures.find((f) => f.expected && f.posts > 0)!;
const bluesky = blueskyFixtures[0]!;

/** A record as the worker writes it: the witness files' entries and the corroboration read from them. */
async function recordWith(source: WitnessSource, fixture: typeof reddit, responses: WitnessResponse[], id = 'c1'): Promise<{ record: CaptureRecord; bytes: Map<string, Uint8Array> }> {
  const bytes = new Map<string, Uint8Array>();
  const artifacts = await Promise.all(
    responses.map(async (response, i) => {
      const path = witnessPath(i + 1, response.name, 'bin');
      bytes.set(path, response.body);
      return { ...witnessEntry(path, response), sha256: await sha256Hex(response.body) };
    }),
  );
  const corroboration = await corroborate(source, fixture.expected!, responses, artifacts.map((a) => a.path), '2026-12-06T18:00:00.000Z');
  const record = { id, post: fixture.expected!, artifacts, missing: [], corroboration, capturedAt: '2026-12-06T18:00:00.000Z' } as unknown as CaptureRecord;
  return { record, bytes };
}

async function checked(record: CaptureRecord, bytes: Map<string, Uint8Array>): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  await checkWitness(record, (path) => bytes.get(path) ?? 'missing', 'capture.json', checks);
  return checks;
}

const responsesOf = async (source: WitnessSource, post: CaptureRecord['post'], routes: Parameters<typeof runOverRoutes>[2]) => (await runOverRoutes(source, post, routes)).responses;

describe('checkWitness', () => {
  it('passes a record whose corroboration follows from its files', async () => {
    const { record, bytes } = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit)));
    expect(record.corroboration?.status).toBe('agrees');
    const checks = await checked(record, bytes);
    expect(checks).toEqual([expect.objectContaining({ check: 'witness', ok: true, note: false })]);
  });

  it('refuses "agrees" re-signed over witness files that say the text differs', async () => {
    const honest = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit)));
    const edited = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit, { text: 'Something else entirely' })));
    // The forger keeps the honest block but ships the edited platform answer (with its hash in the record).
    const forged = { ...edited.record, corroboration: honest.record.corroboration! };
    const [check] = await checked(forged, edited.bytes);
    expect(check).toMatchObject({ check: 'witness', ok: false });
    expect(check!.message).toMatch(/does not follow from its own witness files.*text/);
  });

  it('refuses a block naming a file that is not a witness file of the record', async () => {
    const { record, bytes } = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit)));
    const forged = { ...record, corroboration: { ...record.corroboration!, files: ['post.html'] } };
    const [check] = await checked(forged, bytes);
    expect(check).toMatchObject({ ok: false });
    expect(check!.message).toMatch(/no second-witness entry/);
  });

  it('refuses a Bluesky proof claimed over a DID document that publishes another key', async () => {
    const honest = await recordWith(blueskySource, bluesky, await responsesOf(blueskySource, bluesky.expected!, await blueskyWitnessRoutes(bluesky.expected!)));
    expect(honest.record.corroboration?.proof?.verified).toBe(true);
    expect(await checked(honest.record, honest.bytes)).toEqual([expect.objectContaining({ ok: true, message: expect.stringMatching(/proof verifies/) })]);
    const other = await recordWith(blueskySource, bluesky, await responsesOf(blueskySource, bluesky.expected!, await blueskyWitnessRoutes(bluesky.expected!, { otherKey: true })));
    expect(other.record.corroboration?.proof?.verified).toBe(false);
    const forged = { ...other.record, corroboration: honest.record.corroboration! };
    const [check] = await checked(forged, other.bytes);
    expect(check).toMatchObject({ ok: false });
    expect(check!.message).toMatch(/proof FAILED/);
  });

  it('a damaged block fails; an unknown source is a note, not a pass of its claims', async () => {
    const { record, bytes } = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit)));
    const [damaged] = await checked({ ...record, corroboration: { ...record.corroboration!, status: 'fine' as never } }, bytes);
    expect(damaged).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    const [unknown] = await checked({ ...record, corroboration: { ...record.corroboration!, source: 'future-source' } }, bytes);
    expect(unknown).toMatchObject({ ok: true, note: true, message: expect.stringMatching(/does not know the witness source "future-source"/) });
  });
});

describe('checkRechecks', () => {
  it('passes a re-check whose outcome follows from both witnesses, and refuses a forged outcome or checked hash', async () => {
    const first = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit)), 'first');
    const later = await recordWith(redditSource, reddit, await responsesOf(redditSource, reddit.expected!, witnessRoutes(reddit, { text: 'Edited since' })), 'later');
    const findings = recheckFindings(first.record.corroboration, later.record.corroboration!);
    expect(findings).toEqual({ outcome: 'changed', changed: ['text'] });
    const recheck = (over: object) => ({ ...later.record, recheck: { of: 'first', ofSha256: 'f'.repeat(64), ...findings, ...over } }) as CaptureRecord;
    const run = (record: CaptureRecord) => {
      const checks: VerifyCheck[] = [];
      checkRechecks([{ record: first.record, sha256: 'f'.repeat(64) }, { record, sha256: 'a'.repeat(64) }], (id) => id, checks);
      return checks;
    };
    expect(run(recheck({}))).toEqual([expect.objectContaining({ check: 'witness-recheck', ok: true, message: expect.stringMatching(/changed since the first capture: text/) })]);
    expect(run(recheck({ outcome: 'unchanged', changed: [] }))).toEqual([expect.objectContaining({ ok: false, message: expect.stringMatching(/says "Still served, unchanged/) })]);
    expect(run(recheck({ ofSha256: 'b'.repeat(64) }))).toEqual([expect.objectContaining({ ok: false, message: expect.stringMatching(/not its record's/) })]);
  });
});

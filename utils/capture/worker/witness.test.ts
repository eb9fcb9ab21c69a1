import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import type { CaptureRecord, PostRecord } from '../../model';
import { sha256Hex } from '../../provenance/hash';
import { getOrCreateInstallKey } from '../../store/install-key';
import { listCaptures, readArtifact } from '../../store/captures';
import { openPostProofDb } from '../../store/db';
import { jsonSource } from '../../witness/test-source.fixtures';
import { preservePost } from './pipeline';
import { WITNESS_OFF_REASON, witnessPost, type WitnessDeps } from './witness';

const post: PostRecord = { platform: 'generic', id: '42', text: 'As the page showed it' };

function deps(over: Partial<WitnessDeps> & { answer?: () => Response }): WitnessDeps {
  const asked: string[] = [];
  return {
    enabled: true,
    sourceFor: () => jsonSource,
    allowed: async () => true,
    fetch: (async (url: string) => {
      asked.push(url);
      return over.answer ? over.answer() : new Response(JSON.stringify({ postId: '42', text: 'As the page showed it' }), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
    now: () => new Date('2026-12-06T18:00:00.000Z'),
    ...over,
  };
}

describe('witnessPost', () => {
  it('asks nothing while the setting is off, and says so in missing[]', async () => {
    let asked = 0;
    const outcome = await witnessPost(post, deps({ enabled: false, answer: () => (asked++, new Response('{}')) }));
    expect(outcome).toEqual({ missing: { role: 'second-witness', reason: WITNESS_OFF_REASON } });
    expect(asked).toBe(0);
  });

  it('names a platform without a public record, and a refused permission, without asking', async () => {
    let asked = 0;
    const answer = () => (asked++, new Response('{}'));
    const none = await witnessPost(post, deps({ sourceFor: () => ({ missing: 'No public record without an app token.' }), answer }));
    expect(none).toEqual({ missing: { role: 'second-witness', reason: 'No public record without an app token.' } });
    const refused = await witnessPost(post, deps({ allowed: async () => false, answer }));
    expect('missing' in refused && refused.missing.reason).toMatch(/may not ask https:\/\/witness\.example\/\*/);
    expect(asked).toBe(0);
  });

  it('keeps the answer as a second-witness file and corroborates the post', async () => {
    const outcome = await witnessPost(post, deps({}));
    if ('missing' in outcome) throw new Error(outcome.missing.reason);
    expect(outcome.files.map((f) => f.entry.path)).toEqual(['witness/1-post.json']);
    expect(outcome.files[0]!.entry).toMatchObject({ role: 'second-witness', sourceUrl: 'https://witness.example/posts/42', httpStatus: 200, mediaType: 'application/json' });
    expect(outcome.files[0]!.entry.sha256).toBe(await sha256Hex(outcome.files[0]!.data));
    expect(outcome.corroboration).toMatchObject({ source: 'test-json', status: 'agrees', fetchedAt: '2026-12-06T18:00:00.000Z', files: ['witness/1-post.json'] });
  });
});

describe('preservePost with a witness', () => {
  it('signs the witness files and the corroboration into the record', async () => {
    const db = await openPostProofDb('witness-pipeline-1');
    const key = await getOrCreateInstallKey(db);
    const witness = witnessPost(post, deps({ answer: () => new Response(JSON.stringify({ postId: '42', text: 'Edited on the platform' }), { status: 200 }) }));
    const reply = await preservePost(sampleCaptureRequest('As the page showed it'), sampleScreenshot, { db, key, software: 'test', fetch, witness });
    if (!reply.ok) throw new Error(reply.message);
    const [row] = await listCaptures(db);
    const record = JSON.parse(new TextDecoder().decode(row!.recordBytes)) as CaptureRecord;
    expect(record.corroboration?.status).toBe('differs');
    expect(record.corroboration?.fields.find((f) => f.field === 'text')).toMatchObject({ verdict: 'differs', witness: 'Edited on the platform' });
    const entry = record.artifacts.find((a) => a.role === 'second-witness')!;
    expect(await sha256Hex(await readArtifact(db, record.id, entry.path))).toBe(entry.sha256);
  });

  it('a witness that throws is a missing[] entry, never a failed capture', async () => {
    const db = await openPostProofDb('witness-pipeline-2');
    const key = await getOrCreateInstallKey(db);
    const reply = await preservePost(sampleCaptureRequest('text'), sampleScreenshot, { db, key, software: 'test', fetch, witness: Promise.reject(new Error('worker stopped')) });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.missing).toContainEqual({ role: 'second-witness', reason: "The platform's own record could not be asked for: worker stopped" });
  });
});

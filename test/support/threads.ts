// Thread records in evidence files, for tests: a signed thread over synthetic captures (as utils/threads/ signs one),
// and the threads an exported evidence bundle holds, read through the strict ZIP reader exactly as a person unzips them
// (readThreadFromBundle: what an end-to-end test of "Preserve thread" checks after exporting).
import { SIGNATURE_ALGORITHM, THREAD_FORMAT, type ThreadMember, type ThreadRecord } from '../../utils/model';
import { signDer, verifyDer, importPublicKeySpki, pemToSpki } from '../../utils/provenance/ecdsa';
import { sha256Hex, utf8 } from '../../utils/provenance/hash';
import type { ThreadSource } from '../../utils/evidence/thread-files';
import type { BundleCaptureSource } from '../../utils/formats/bundle/types';
import { bytesSource } from '../../utils/zip/source';
import { StrictZip } from '../../utils/zip/strict-reader';
import type { TestKey } from './bundle-captures';

/** The exact bytes PostProof signs for a thread record. */
export function threadBytes(record: ThreadRecord): Uint8Array {
  return utf8(`${JSON.stringify(record, null, 2)}\n`);
}

/**
 * A thread over `captures` (the first focal, then replies), signed by `key` as the background signs one. `change`
 * alters the record before it is signed (a forger holding the key).
 */
export async function makeThreadSource(
  key: TestKey,
  captures: readonly BundleCaptureSource[],
  options: { id?: string; createdAt?: string; change?: (record: ThreadRecord) => void; repliesCounted?: number | null } = {},
): Promise<{ source: ThreadSource; record: ThreadRecord }> {
  const members: ThreadMember[] = captures.map((capture, n) => ({
    captureId: capture.stored.id,
    captureSha256: capture.stored.recordSha256,
    role: n === 0 ? 'focal' : 'reply',
    postId: String(n),
    url: `https://x.com/someone/status/${n}`,
  }));
  const replies = members.length - 1;
  const record: ThreadRecord = {
    format: THREAD_FORMAT,
    id: options.id ?? '7e0d5a3c-1111-4222-8333-444455556666',
    createdAt: options.createdAt ?? '2026-01-02T03:05:00.000Z',
    platform: 'x',
    page: { url: 'https://x.com/someone/status/0', title: 'A thread' },
    scope: { authorThread: true, replyLimit: 50 },
    members,
    counts: { repliesCounted: options.repliesCounted === undefined ? replies + 14 : options.repliesCounted, repliesShown: replies + 2, repliesCaptured: replies, authorPostsShown: 1, authorPostsCaptured: 1 },
    failed: [{ role: 'reply', url: 'https://x.com/other/status/99', reason: 'The reply was removed while the thread was preserved.' }],
    software: 'PostProof 0.1.0 (test)',
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: key.signer.keyId },
  };
  options.change?.(record);
  const recordBytes = threadBytes(record);
  return {
    record,
    source: { id: record.id, recordBytes, recordSha256: await sha256Hex(recordBytes), signature: await signDer(key.privateKey, recordBytes), memberIds: record.members.map((m) => m.captureId) },
  };
}

/** One thread of an exported file, as unzipped. */
export interface ThreadInFile {
  id: string;
  record: ThreadRecord;
  /** thread.json's exact bytes. */
  bytes: Uint8Array;
  /** Whether thread.json.sig verifies thread.json with the file's signer.pem. */
  signatureOk: boolean;
  /** Whether every member's captures/<id>/capture.json is in the file with the SHA-256 the thread lists. */
  membersOk: boolean;
}

/** Every thread of an exported evidence bundle (threads/<id>/thread.json), read through the strict ZIP reader. */
export async function readThreadFromBundle(zip: Uint8Array): Promise<ThreadInFile[]> {
  const opened = await StrictZip.open(bytesSource(zip));
  if (Array.isArray(opened)) throw new Error(`not a strict ZIP: ${opened.map((p) => p.message).join(' ')}`);
  const scan = await opened.scan({ keep: () => true });
  const bytesOf = (name: string) => scan.entries.get(name)?.data;
  const pem = bytesOf('signer.pem');
  const key = pem ? await importPublicKeySpki(pemToSpki(new TextDecoder().decode(pem))) : undefined;
  const threads: ThreadInFile[] = [];
  for (const name of scan.entries.keys()) {
    const id = /^threads\/([^/]+)\/thread\.json$/.exec(name)?.[1];
    if (!id) continue;
    const bytes = bytesOf(name)!;
    const record = JSON.parse(new TextDecoder().decode(bytes)) as ThreadRecord;
    const signature = bytesOf(`threads/${id}/thread.json.sig`);
    const signatureOk = !!key && !!signature && (await verifyDer(key, bytes, signature));
    let membersOk = true;
    for (const member of record.members) {
      const captured = bytesOf(`captures/${member.captureId}/capture.json`);
      if (!captured || (await sha256Hex(captured)) !== member.captureSha256) membersOk = false;
    }
    threads.push({ id, record, bytes, signatureOk, membersOk });
  }
  return threads;
}

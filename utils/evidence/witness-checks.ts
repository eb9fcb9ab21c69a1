// The second witness in a verification: the witness files a capture record names are read again, from the bytes a
// person extracts, by the same source that read them at capture, and the corroboration block must follow from them.
// A block that says "agrees" over files that say otherwise is a failed check; a witness that differs from the page is
// a finding (a note), never a failure: that is what the witness is for.
import type { CaptureRecord, Corroboration, CorroboratedField, Recheck } from '../model';
import { errorMessage } from '../error-message';
import { corroborate } from '../witness/corroborate';
import { recheckFindings, recheckWords } from '../witness/recheck';
import { witnessSourceById } from '../witness/source-by-id';
import { responsesFromFiles } from '../witness/witness-files';
import { isObject } from './record-shapes';
import type { VerifyCheck } from './verify-types';

function corroborationProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not an object';
  if (typeof value.source !== 'string' || typeof value.fetchedAt !== 'string') return 'its source or fetch time is missing';
  if (!['agrees', 'differs', 'not-served', 'unavailable'].includes(value.status as string)) return `its status ${JSON.stringify(value.status)} is none PostProof writes`;
  if (!Array.isArray(value.fields) || !value.fields.every((f) => isObject(f) && typeof f.field === 'string' && typeof f.verdict === 'string')) return 'its fields are malformed';
  if (!Array.isArray(value.files) || !value.files.every((f) => typeof f === 'string')) return 'its list of files is malformed';
  return null;
}

/** What must follow from the files: the status, each field with both values, and what the proof showed. */
function claims(block: Corroboration): string {
  const proof = block.proof ? { verified: block.proof.verified, did: block.proof.did, signingKey: block.proof.signingKey, commitCid: block.proof.commitCid, recordCid: block.proof.recordCid, rev: block.proof.rev } : undefined;
  return JSON.stringify({ status: block.status, fields: block.fields, proof });
}

function describeFields(fields: readonly CorroboratedField[], verdict: CorroboratedField['verdict']): string {
  return fields.filter((f) => f.verdict === verdict).map((f) => f.field).join(', ');
}

/** In words, what the witness said: for the check's message and the report. */
export function corroborationSummary(block: Corroboration): string {
  const source = `the platform's own record (${block.source}, fetched ${block.fetchedAt})`;
  if (block.status === 'not-served') return `The post was no longer served by the platform when asked: ${block.reason ?? ''}`.trim();
  if (block.status === 'unavailable') return `No second witness could be read: ${block.reason ?? 'no reason kept'}`;
  const proof = block.proof ? (block.proof.verified ? ` Its cryptographic proof verifies: ${block.proof.detail}` : ` Its cryptographic proof FAILED: ${block.proof.detail}`) : '';
  if (block.status === 'agrees') return `The page agrees with ${source} on ${describeFields(block.fields, 'agrees') || 'no field'}.${proof}`;
  const differing = block.fields.filter((f) => f.verdict === 'differs').map((f) => `${f.field} (page: ${JSON.stringify(f.page)}; witness: ${JSON.stringify(f.witness)})`);
  return `The page DIFFERS from ${source}: ${differing.join('; ') || block.reason || 'see the proof'}.${proof}`;
}

export async function checkWitness(record: CaptureRecord, bytesOf: (path: string) => Uint8Array | string, file: string, checks: VerifyCheck[]): Promise<void> {
  const block: unknown = record.corroboration;
  if (block === undefined) return;
  const problem = corroborationProblem(block);
  if (problem) {
    checks.push({ check: 'witness', file, ok: false, message: `The record's corroboration block is damaged: ${problem}.` });
    return;
  }
  const recorded = block as Corroboration;
  const source = witnessSourceById(recorded.source);
  if (!source) {
    checks.push({ check: 'witness', file, ok: true, note: true, message: `This verifier does not know the witness source "${recorded.source}": its files are hashed and signed like any other, but were not read again. ${corroborationSummary(recorded)}` });
    return;
  }
  let again: Corroboration;
  try {
    const responses = responsesFromFiles(recorded.files, record.artifacts, (path) => {
      const bytes = bytesOf(path);
      if (typeof bytes === 'string') throw new Error(`${path} could not be read: ${bytes}`);
      return bytes;
    });
    again = await corroborate(source, record.post, responses, recorded.files, recorded.fetchedAt, recorded.status === 'unavailable' ? recorded.reason : undefined);
  } catch (error) {
    checks.push({ check: 'witness', file, ok: false, message: `The witness files could not be read again: ${errorMessage(error)}` });
    return;
  }
  if (claims(again) !== claims(recorded)) {
    checks.push({
      check: 'witness',
      file,
      ok: false,
      message: `The record's corroboration does not follow from its own witness files. The record says: ${corroborationSummary(recorded)} The files say: ${corroborationSummary(again)}`,
    });
    return;
  }
  checks.push({ check: 'witness', file, ok: true, note: recorded.status !== 'agrees', message: `Second witness, read again from its files: ${corroborationSummary(recorded)}` });
}

/**
 * Each re-check's claims against the capture it checked, when that capture is in the same file: the checked record's
 * hash, and the outcome and changed fields, which must follow from the two witnesses. A re-check whose capture is not
 * in the file is a note: its own witness is still read again above.
 */
export function checkRechecks(captures: readonly { record: CaptureRecord; sha256: string }[], fileOf: (id: string) => string, checks: VerifyCheck[]): void {
  const byId = new Map(captures.map((capture) => [capture.record.id, capture]));
  for (const { record } of captures) {
    const recheck: unknown = record.recheck;
    if (recheck === undefined) continue;
    const file = fileOf(record.id);
    if (!isObject(recheck) || typeof recheck.of !== 'string' || typeof recheck.ofSha256 !== 'string' || typeof recheck.outcome !== 'string' || !Array.isArray(recheck.changed)) {
      checks.push({ check: 'witness-recheck', file, ok: false, message: "The record's re-check block is damaged." });
      continue;
    }
    const claim = recheck as unknown as Recheck;
    const checked = byId.get(claim.of);
    if (!checked) {
      checks.push({ check: 'witness-recheck', file, ok: true, note: true, message: `A re-check of capture ${claim.of}, which is not in this file: ${recheckWords(claim)} Its claim about the first witness cannot be checked here.` });
      continue;
    }
    if (checked.sha256 !== claim.ofSha256) {
      checks.push({ check: 'witness-recheck', file, ok: false, message: `The re-check names capture ${claim.of} by a hash (${claim.ofSha256}) that is not its record's (${checked.sha256}).` });
      continue;
    }
    const again = record.corroboration ? recheckFindings(checked.record.corroboration, record.corroboration, checked.record.post?.postedAtSource) : undefined;
    if (!again || again.outcome !== claim.outcome || again.changed.join(',') !== claim.changed.join(',')) {
      checks.push({ check: 'witness-recheck', file, ok: false, message: `The re-check says "${recheckWords(claim)}", but its witness and the first capture's say "${again ? recheckWords(again) : 'nothing: it holds no witness'}".` });
      continue;
    }
    checks.push({ check: 'witness-recheck', file, ok: true, note: claim.outcome !== 'unchanged', message: `Re-check of capture ${claim.of} at ${record.capturedAt} (collector's clock): ${recheckWords(claim)}` });
  }
}

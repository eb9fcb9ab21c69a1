// The timestamp authorities' certificates as a WACZ carries them (metadata records): exactly the PEM the writer makes
// (utils/evidence/tsa-pem.ts), so every "SHA-256 fingerprint" comment a person reads in it is the fingerprint of the
// certificate below it. Chain links only: never a trust anchor.

import { isTsaPem } from '../../evidence/tsa-pem';
import { readShippedCertificates } from '../../evidence/stamp-checks';
import type { VerifyCheck } from '../../evidence/verify-types';
import { pemCertificates } from '../../provenance/tsa-token';
import { isSafeSegment } from '../../zip/entry-names';
import { TSA_METADATA_PATTERN } from './layout';
import type { RecordClaims } from './record-claims';
import { tsaHead } from './warc-layout';
import { recordFile } from './warc-reading';

/**
 * The WARC's timestamp authority records (metadata://postproof/tsa/<id>.pem, dated with the package), taken and
 * checked; returns their certificates, for building token chains.
 */
export async function readTsaRecords(claims: RecordClaims, created: string | undefined, checks: VerifyCheck[]): Promise<Uint8Array[]> {
  const certificates: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const entry of claims.warc.entries) {
    const tsaId = entry.type === 'metadata' && entry.uri ? TSA_METADATA_PATTERN.exec(entry.uri)?.[1] : undefined;
    // A second record for one authority, or one not dated with the package, is left for reportUnaccounted.
    if (tsaId === undefined || !isSafeSegment(tsaId) || seen.has(tsaId) || (created !== undefined && entry.date !== created)) continue;
    seen.add(tsaId);
    claims.claim(entry);
    if (created !== undefined) claims.checkHead(entry, tsaHead(entry.recordId, tsaId, created), entry.sha256, entry.record.block.length, checks);
    const text = new TextDecoder().decode(entry.record.block);
    if (!(await isTsaPem(text))) {
      checks.push({ check: 'tsa-certificate', file: recordFile(entry), ok: false, message: 'The authority’s certificates are not in the form PostProof writes (a comment naming the authority, then each certificate under its SHA-256 fingerprint).' });
      continue;
    }
    certificates.push(...readShippedCertificates([{ file: recordFile(entry), text }], pemCertificates, checks));
  }
  return certificates;
}

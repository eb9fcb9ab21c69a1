// A timestamp authority's certificates as a WACZ carries them (a metadata record, or the package token's entry):
// exactly the PEM the writer makes (bundle-writer.ts tsaPem), so every "SHA-256 fingerprint" comment a person reads
// in it is the fingerprint of the certificate below it. Chain links only: never a trust anchor.

import { tsaPem } from '../bundle/bundle-writer';
import { readShippedCertificates } from '../evidence/stamp-checks';
import type { VerifyCheck } from '../evidence/verify-types';
import { pemCertificates } from '../provenance/tsa-token';
import { isSafeSegment } from '../zip/entry-names';
import { TSA_METADATA_PATTERN } from './layout';
import type { RecordClaims } from './record-claims';
import { tsaHead } from './warc-layout';
import { recordFile } from './warc-reading';

const FIRST_LINE = /^# Certificates of the timestamp authority (.*) \(([^()\n]*)\), as its tokens carried them\.\n/;

/** Whether `text` is the PEM the writer makes for these certificates (name and URL read from its first line if not given). */
export async function isTsaPem(text: string, name?: string, url?: string): Promise<boolean> {
  const first = FIRST_LINE.exec(text);
  if (!first) return false;
  try {
    return (await tsaPem({ name: name ?? first[1]!, url: url ?? first[2]!, certificates: pemCertificates(text) })) === text;
  } catch {
    return false;
  }
}

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

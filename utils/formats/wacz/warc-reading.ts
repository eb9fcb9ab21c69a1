// archive/data.warc as the verifier reads it: parsed in memory (read-limits.ts), every record's byte layout and
// digests checked, each record's block hashed once, record ids unique. What each record is for is decided later
// (record-claims.ts): here a record is only well formed or not.

import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { VerifyCheck } from '../../evidence/verify-types';
import { sha256Hex } from '../../provenance/hash';
import { WARC_FILE } from './layout';
import { parseWarc, recordIdOf, warcDigestProblems, type ParsedWarcRecord } from './warc-record';

export interface WarcEntry {
  record: ParsedWarcRecord;
  /** WARC-Type, WARC-Target-URI (if any), WARC-Date and the record id without its angle brackets. */
  type: string;
  uri?: string;
  date: string;
  recordId: string;
  /** SHA-256 of the block, lowercase hex. */
  sha256: string;
}

export interface ReadWarc {
  bytes: Uint8Array;
  entries: WarcEntry[];
}

/** How a check names a record: by its target URI, or by its offset when it has none. */
export function recordFile(entry: WarcEntry): string {
  return entry.uri !== undefined ? `${WARC_FILE}#${entry.uri}` : `${WARC_FILE}@${entry.record.offset}`;
}

/** "a resource record at byte 123 (urn:uuid:…)", for messages. */
export function describeRecord(entry: WarcEntry): string {
  return `a ${entry.type || 'untyped'} record at byte ${entry.record.offset}${entry.recordId ? ` (${entry.recordId})` : ''}`;
}

/** Parses the WARC and checks each record's digests; null (with a failed check) when it cannot be read at all. */
export async function readWarc(files: EvidenceFiles, checks: VerifyCheck[]): Promise<ReadWarc | null> {
  const bytes = files.read(WARC_FILE, 'a web archive');
  if (typeof bytes === 'string') {
    checks.push({ check: 'warc', file: WARC_FILE, ok: false, message: `The web archive could not be read: ${bytes}` });
    return null;
  }
  const parsed = parseWarc(bytes);
  const before = checks.length;
  if (parsed.problem) checks.push({ check: 'warc', file: WARC_FILE, ok: false, message: `The WARC is damaged: ${parsed.problem}` });
  const entries: WarcEntry[] = [];
  const ids = new Set<string>();
  for (const record of parsed.records) {
    const uri = record.fields.get('warc-target-uri');
    const entry: WarcEntry = {
      record,
      type: record.fields.get('warc-type') ?? '',
      ...(uri !== undefined ? { uri } : {}),
      date: record.fields.get('warc-date') ?? '',
      recordId: recordIdOf(record),
      sha256: await sha256Hex(record.block),
    };
    entries.push(entry);
    const problems = await warcDigestProblems(record, entry.sha256);
    if (problems.length > 0) checks.push({ check: 'warc', file: recordFile(entry), ok: false, message: `In ${describeRecord(entry)}, ${problems.join('; ')}: it was changed after export.` });
    if (ids.has(entry.recordId)) checks.push({ check: 'warc-record', file: recordFile(entry), ok: false, message: `This is ${describeRecord(entry)}, whose id an earlier record already has; PostProof gives every record its own.` });
    ids.add(entry.recordId);
  }
  if (checks.length === before) checks.push({ check: 'warc', file: WARC_FILE, ok: true, message: `All ${entries.length} WARC records are well formed and match their digests.` });
  return { bytes, entries };
}

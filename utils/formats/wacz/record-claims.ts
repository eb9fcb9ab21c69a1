// Every WARC record accounted for: each check takes the one record a signed capture record (or the package) calls
// for, by type, target URI and date, and compares its header with the one the writer writes (warc-layout.ts). What no
// check takes (a request record, a response no witness file calls for, a second copy of a file, a metadata record of
// no capture) is reported, naming the record: the WARC holds nothing that no signature or signed hash accounts for.

import type { VerifyCheck } from '../../evidence/verify-types';
import type { ResponseIndex } from './cdxj';
import { WARC_FILE } from './layout';
import { firstDifferentLine, sameBytes } from '../../evidence/text-compare';
import { warcinfoBlock, warcinfoHead, type RecordHead } from './warc-layout';
import { warcRecordHead } from './warc-record';
import { describeRecord, recordFile, type ReadWarc, type WarcEntry } from './warc-reading';
import { errorMessage } from '../../error-message';

const byTarget = (type: string, uri: string | undefined) => `${type} ${uri ?? ''}`;

export class RecordClaims {
  private readonly taken = new Set<WarcEntry>();
  /** Records by type and target URI, in file order: a WARC of thousands of records is matched without rescanning it. */
  private readonly index = new Map<string, WarcEntry[]>();
  /** What the index says of each response record taken, from the signed entry that called for it. */
  private readonly responses = new Map<WarcEntry, ResponseIndex>();

  constructor(readonly warc: ReadWarc) {
    for (const entry of warc.entries) {
      const key = byTarget(entry.type, entry.uri);
      const same = this.index.get(key);
      if (same) same.push(entry);
      else this.index.set(key, [entry]);
    }
  }

  /** The first record not yet taken with this type, target URI and (if given) date, now taken. */
  take(type: string, uri: string | undefined, date?: string): WarcEntry | undefined {
    const entry = this.index.get(byTarget(type, uri))?.find((e) => !this.taken.has(e) && e.uri === uri && (date === undefined || e.date === date));
    if (entry) this.taken.add(entry);
    return entry;
  }

  /** Takes a record found by other means (a capture's record, found by its URI pattern). */
  claim(entry: WarcEntry): void {
    this.taken.add(entry);
  }

  /** Notes what the signed entry says the index gives for a response record it took. */
  noteResponse(entry: WarcEntry, response: ResponseIndex): void {
    this.responses.set(entry, response);
  }

  responseOf(entry: WarcEntry): ResponseIndex | undefined {
    return this.responses.get(entry);
  }

  isTaken(entry: WarcEntry): boolean {
    return this.taken.has(entry);
  }

  /** The records taken, in file order. */
  claimed(): WarcEntry[] {
    return this.warc.entries.filter((e) => this.taken.has(e));
  }

  /** The record's header bytes are exactly what the writer writes for it (its own record id kept); else a failed check. */
  checkHead(entry: WarcEntry, head: RecordHead, blockSha256: string, length: number, checks: VerifyCheck[]): boolean {
    const actual = this.warc.bytes.subarray(entry.record.offset, entry.record.offset + entry.record.headLength);
    let expected: Uint8Array;
    try {
      expected = warcRecordHead({ ...head, recordId: entry.recordId }, `sha256:${blockSha256}`, length);
    } catch (error) {
      checks.push({ check: 'warc-record', file: recordFile(entry), ok: false, message: `The signed record asks for a header no WARC can hold (${errorMessage(error)}).` });
      return false;
    }
    if (sameBytes(actual, expected)) return true;
    const why = firstDifferentLine(new TextDecoder().decode(expected), actual, '\r\n').replace('the signed records give', 'PostProof writes');
    checks.push({ check: 'warc-record', file: recordFile(entry), ok: false, message: `The header of ${describeRecord(entry)} is not the one PostProof writes for it: ${why}.` });
    return false;
  }
}

/** Why a record no check took is no part of a PostProof WACZ. */
function unaccounted(entry: WarcEntry): string {
  const what = describeRecord(entry);
  if (entry.type === 'response') {
    return `This is ${what}${entry.uri ? ` for ${entry.uri}` : ''}, an answer no signed witness file calls for at this address and time: it was added after capture, or is a second copy of a witness response, and a replay tool would serve it as archived.`;
  }
  if (['request', 'revisit', 'conversion', 'continuation'].includes(entry.type)) {
    return `This is ${what}${entry.uri ? ` for ${entry.uri}` : ''}. PostProof writes no ${entry.type} records: it was added after capture, and a replay tool would serve it as archived.`;
  }
  if (entry.type === 'resource') return `This is ${what}, a file no signed capture record lists at this address and time: it was added after capture, or is a second copy of a captured file.`;
  if (entry.type === 'metadata') return `This is ${what} that belongs to no capture and no timestamp authority of this WACZ, or is a second copy of one: it was added after capture.`;
  if (entry.type === 'warcinfo') return `This is a second warcinfo record (${what}); PostProof writes one, first.`;
  return `This is ${what}, a kind PostProof does not write.`;
}

/** Every record no check took, as a failed check. */
export function reportUnaccounted(claims: RecordClaims, checks: VerifyCheck[]): void {
  const left = claims.warc.entries.filter((e) => !claims.isTaken(e));
  for (const entry of left) checks.push({ check: 'warc-record', file: recordFile(entry), ok: false, message: unaccounted(entry) });
  if (left.length === 0) checks.push({ check: 'warc-record', file: WARC_FILE, ok: true, message: `Every one of the ${claims.warc.entries.length} WARC records is accounted for by the signed capture records or the package.` });
}

/** The first record is the one warcinfo record, exactly as the writer makes it from the package's software and time. */
export function checkWarcinfo(claims: RecordClaims, meta: { software: string; created: string } | null, checks: VerifyCheck[]): void {
  const first = claims.warc.entries[0];
  if (!first || first.type !== 'warcinfo') {
    checks.push({ check: 'warc-record', file: WARC_FILE, ok: false, message: 'The WARC does not start with its warcinfo record.' });
    return;
  }
  claims.claim(first);
  if (!meta) return;
  const block = warcinfoBlock(meta.software);
  if (!sameBytes(first.record.block, block)) {
    checks.push({ check: 'readable-files', file: recordFile(first), ok: false, message: `The warcinfo record does not say what the signed package says: ${firstDifferentLine(new TextDecoder().decode(block), first.record.block, '\r\n')}.` });
    return;
  }
  claims.checkHead(first, warcinfoHead(first.recordId, meta.created), first.sha256, first.record.block.length, checks);
}

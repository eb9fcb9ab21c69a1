// The custody log's line format and its chain check, shared by the store (which appends) and the verifier (which
// checks custody.jsonl). Each capture has its own chain: line 0 is "captured", and every later line carries the
// SHA-256 of the exact bytes of the line before it, so a removed, changed or reordered event breaks the chain.

import type { CustodyEventType } from '../model';
import { sha256Hex } from './hash';

export interface CustodyEvent {
  captureId: string;
  index: number;
  event: CustodyEventType;
  /** When it happened, by the collector's clock (ISO 8601 UTC); only a "timestamped" event's genTime is third-party time. */
  at: string;
  /** SHA-256 of the previous line of this capture's log (its exact UTF-8 bytes, without the newline); null on line 0. */
  previousSha256: string | null;
  details: Record<string, unknown>;
}

const EVENTS: readonly CustodyEventType[] = ['captured', 'timestamped', 'annotated', 'exported', 'verified', 'rechecked', 'pushed', 'threaded'];
const HEX64 = /^[0-9a-f]{64}$/;

/** The one serialization of an event: fixed key order, no whitespace, one line. */
export function custodyLine(event: CustodyEvent): string {
  return JSON.stringify({
    captureId: event.captureId,
    index: event.index,
    event: event.event,
    at: event.at,
    previousSha256: event.previousSha256,
    ...event.details,
  });
}

export function parseCustodyLine(line: string): CustodyEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { captureId, index, event, at, previousSha256, ...details } = value as Record<string, unknown>;
  if (typeof captureId !== 'string' || !Number.isSafeInteger(index) || (index as number) < 0) return null;
  if (!EVENTS.includes(event as CustodyEventType) || typeof at !== 'string') return null;
  if (previousSha256 !== null && !(typeof previousSha256 === 'string' && HEX64.test(previousSha256))) return null;
  return { captureId, index: index as number, event: event as CustodyEventType, at, previousSha256, details };
}

/** A problem found in one capture's custody chain, naming the line (1-based, in the file checked). */
export interface CustodyProblem {
  captureId: string;
  lineNumber?: number;
  message: string;
}

export interface CustodyChainResult {
  problems: CustodyProblem[];
  /** Number of events per capture whose chain checked out. */
  events: Map<string, CustodyEvent[]>;
}

/**
 * Checks custody.jsonl text: every line parses, belongs to one of `captureIds`, each capture's lines run 0, 1, 2, …
 * in order, line 0 is "captured" with the record's SHA-256, and each later line holds the SHA-256 of the one before.
 */
export async function checkCustodyLog(text: string, recordSha256: ReadonlyMap<string, string>): Promise<CustodyChainResult> {
  const problems: CustodyProblem[] = [];
  const events = new Map<string, CustodyEvent[]>();
  const previousLine = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [offset, line] of lines.entries()) {
    const lineNumber = offset + 1;
    const event = parseCustodyLine(line);
    if (!event) {
      problems.push({ captureId: '', lineNumber, message: `Line ${lineNumber} is not a PostProof custody event.` });
      continue;
    }
    const { captureId } = event;
    const fail = (message: string) => problems.push({ captureId, lineNumber, message: `Line ${lineNumber} (capture ${captureId}): ${message}` });
    if (!recordSha256.has(captureId)) {
      fail('this capture’s signed record is not in the bundle, or it failed a check reported above.');
      continue;
    }
    const chain = events.get(captureId) ?? [];
    if (event.index !== chain.length) {
      fail(`event number ${event.index} where ${chain.length} was expected: an event was removed, added or moved.`);
    } else if (event.index === 0) {
      if (event.previousSha256 !== null || event.event !== 'captured') fail('the log does not start with the “captured” event.');
      else if (event.details.recordSha256 !== recordSha256.get(captureId)) fail('the “captured” event names another capture.json than the one in this bundle.');
    } else if (event.previousSha256 !== (await sha256Hex(previousLine.get(captureId) ?? ''))) {
      fail('it does not carry the SHA-256 of the line before it: the log was changed after it was written.');
    }
    chain.push(event);
    events.set(captureId, chain);
    previousLine.set(captureId, line);
  }
  return { problems, events };
}

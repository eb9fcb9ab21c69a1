// The sequence chain, checked the same way in both formats: each capture record carries the SHA-256 of the one its
// install made before it, so a capture removed, inserted or replaced between two that are present shows.

import type { CaptureRecord } from '../model';
import { CAPTURE_RECORD_FILE, captureFilePath } from './capture-layout';
import type { VerifyCheck } from './verify-types';

/** A verified capture as the chain needs it: its record and the SHA-256 of the record's bytes. */
export interface ChainLink {
  record: CaptureRecord;
  sha256: string;
}

/** Each signing key numbers its own captures (imported ones keep their install's chain): one chain per key. */
export function checkSequenceChain(captures: readonly ChainLink[], checks: VerifyCheck[]): void {
  const byKey = new Map<string, ChainLink[]>();
  for (const capture of captures) {
    const keyId = capture.record.signer?.keyId ?? '';
    byKey.set(keyId, [...(byKey.get(keyId) ?? []), capture]);
  }
  for (const chain of byKey.values()) checkOneChain(chain, checks);
}

/** Captures sorted by sequence must link by hash; a skipped number is fine when that capture is not in the bundle. */
function checkOneChain(captures: ChainLink[], checks: VerifyCheck[]): void {
  const sorted = [...captures].sort((a, b) => a.record.sequence - b.record.sequence);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const file = captureFilePath(current.record.id, CAPTURE_RECORD_FILE);
    const from = `sequence ${previous.record.sequence} → ${current.record.sequence}`;
    if (current.record.sequence === previous.record.sequence) {
      checks.push({ check: 'sequence-chain', file, ok: false, message: `Two captures carry sequence number ${current.record.sequence}; one of them was not made in this install’s order.` });
    } else if (current.record.sequence !== previous.record.sequence + 1) {
      checks.push({
        check: 'sequence-chain',
        file,
        ok: true,
        note: true,
        message: `Note: ${from}. The capture(s) in between are not in this bundle, so this link cannot be checked here; that is expected when only some captures were exported.`,
      });
    } else if (current.record.previousCaptureSha256 !== previous.sha256) {
      checks.push({
        check: 'sequence-chain',
        file,
        ok: false,
        message: `The chain is broken at ${from}: this record does not carry the hash of capture ${previous.record.id}. A capture was removed, inserted or replaced.`,
      });
    } else {
      checks.push({ check: 'sequence-chain', file, ok: true, message: `Linked to the previous capture (${from}).` });
    }
  }
}

// custody.jsonl against the bundle's captures: each capture's events chained line to line by SHA-256 from its
// capture.json, and each token in the bundle with its "timestamped" event (a chain cannot show its end was cut off).

import { checkCustodyLog, type CustodyEvent } from '../../provenance/custody';
import type { EvidenceFiles } from '../../evidence/evidence-files';
import type { VerifyCheck } from '../../evidence/verify-types';
import { timestampFiles } from './capture-checks';
import { CUSTODY_FILE } from './layout';
import { errorMessage } from '../../error-message';

/** Checks the log; returns each capture's events (empty when there is no log or it cannot be read). */
export async function checkCustody(files: EvidenceFiles, recordSha256: ReadonlyMap<string, string>, checks: VerifyCheck[]): Promise<Map<string, CustodyEvent[]>> {
  if (!files.has(CUSTODY_FILE)) {
    if (recordSha256.size > 0) checks.push({ check: 'custody-chain', ok: true, note: true, message: `Note: this bundle has no ${CUSTODY_FILE}, so no custody history can be checked.` });
    return new Map();
  }
  const bytes = files.read(CUSTODY_FILE, 'a custody log');
  let text: string;
  try {
    if (typeof bytes === 'string') throw new Error(bytes);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: false, message: `The custody log could not be read: ${errorMessage(error)}` });
    return new Map();
  }
  const { problems, events } = await checkCustodyLog(text, recordSha256);
  const messages = problems.map((problem) => problem.message);
  for (const id of recordSha256.keys()) {
    if (!events.has(id)) messages.push(`The custody log has no events for capture ${id}: its history was left out.`);
    const logged = new Set((events.get(id) ?? []).filter((e) => e.event === 'timestamped').map((e) => e.details.tsrSha256));
    for (const file of timestampFiles(files, id)) {
      if (!logged.has(files.sha256(file))) messages.push(`The custody log of capture ${id} has no “timestamped” event for ${file}: events were cut from the log.`);
    }
  }
  for (const message of messages) checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: false, message });
  if (messages.length === 0) {
    const count = [...events.values()].reduce((sum, list) => sum + list.length, 0);
    checks.push({ check: 'custody-chain', file: CUSTODY_FILE, ok: true, message: `The custody log’s ${count} event(s) link line to line by SHA-256, each capture’s starting with its capture.json.` });
  }
  return events;
}

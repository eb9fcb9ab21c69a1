// "Check again": the platform's own record of an earlier capture's post asked for anew, kept as a new signed record
// in the chain (its witness files, its corroboration against the page as first captured, and what changed since the
// first witness), timestamped like any capture, with a `rechecked` line in the checked capture's custody log.
import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type CaptureRecord, type Collector, type TsaEndpoint } from '../../model';
import { getCapture } from '../../store/captures';
import { nextCustodyLine } from '../../store/custody-log';
import type { PostProofDb, StoredKey } from '../../store/db';
import { recheckFindings } from '../../witness/recheck';
import { commitSigned } from './pipeline';
import { witnessPost, type WitnessDeps } from './witness';

export interface RecheckDeps {
  db: PostProofDb;
  key: StoredKey;
  software: string;
  userAgent: string;
  witness: Omit<WitnessDeps, 'now'>;
  collector?: Collector;
  stampWith?: readonly TsaEndpoint[];
  now?: () => Date;
  newId?: () => string;
}

export type RecheckReply =
  | { ok: true; captureId: string; recheckId: string; recheck: NonNullable<CaptureRecord['recheck']> }
  | { ok: false; captureId: string; code: string; message: string };

export async function recheckCapture(captureId: string, deps: RecheckDeps): Promise<RecheckReply> {
  const fail = (code: string, message: string): RecheckReply => ({ ok: false, captureId, code, message });
  const row = await getCapture(deps.db, captureId);
  if (!row) return fail('not-found', `Capture ${captureId} is not in this browser's store.`);
  const checked = JSON.parse(new TextDecoder().decode(row.recordBytes)) as CaptureRecord;
  // A re-check of a re-check checks the capture it was about: one line of re-checks per post.
  const first = checked.recheck ? await getCapture(deps.db, checked.recheck.of) : row;
  if (!first) return fail('not-found', `The capture ${checked.recheck!.of} that this re-check was about is no longer in the store.`);
  const original = first === row ? checked : (JSON.parse(new TextDecoder().decode(first.recordBytes)) as CaptureRecord);
  const now = deps.now ?? (() => new Date());
  const outcome = await witnessPost(original.post, { ...deps.witness, now, enabled: true });
  if ('missing' in outcome) return fail('no-witness', outcome.missing.reason);
  const findings = recheckFindings(original.corroboration, outcome.corroboration, original.post.postedAtSource);
  const recheck = { of: original.id, ofSha256: first.recordSha256, ...findings };
  const id = (deps.newId ?? (() => crypto.randomUUID()))();
  const capturedAt = now().toISOString();
  const commit = await commitSigned(
    { db: deps.db, key: deps.key, now, ...(deps.stampWith ? { stampWith: deps.stampWith } : {}) },
    id,
    capturedAt,
    outcome.files,
    (head): CaptureRecord => ({
      format: CAPTURE_FORMAT,
      id,
      sequence: head.sequence + 1,
      previousCaptureSha256: head.lastSha256,
      capturedAt,
      clock: { timeZone: original.clock.timeZone },
      page: original.page,
      post: original.post,
      artifacts: outcome.files.map((file) => file.entry),
      missing: [{ role: 'dom-snapshot', reason: `A re-check of capture ${original.id}: only the platform's own record was asked for, not the page.` }],
      environment: { ...original.environment, software: deps.software, userAgent: deps.userAgent },
      ...(deps.collector && Object.keys(deps.collector).length > 0 ? { collector: deps.collector } : {}),
      corroboration: outcome.corroboration,
      recheck,
      signer: { algorithm: SIGNATURE_ALGORITHM, keyId: deps.key.keyId },
    }),
    (recordSha256) => nextCustodyLine(deps.db, original.id, 'rechecked', { recheckId: id, recordSha256, outcome: findings.outcome, changed: findings.changed }, now()),
  );
  return commit.ok ? { ok: true, captureId: original.id, recheckId: id, recheck } : fail(commit.code, commit.message);
}

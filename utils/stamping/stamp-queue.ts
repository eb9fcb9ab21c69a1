// The timestamp queue: asks each authority for the captures waiting on it, one request at a time, and says when it
// should run again. Driven by the background (after each capture, on start, on chrome.alarms, when back online).
import type { PostProofDb } from '../store/db';
import { getCapture } from '../store/captures';
import { dueStamps, nextStampAttempt, saveStamp, saveStampRow } from '../store/stamps';
import { requestTimestamp } from '../provenance/tsa-client';
import { TimestampError } from '../provenance/tsa-token';
import { failedRow, stampedRow, timestampedDetails, type ObtainedStamp } from './stamp-policy';

export interface StampQueueDeps {
  db: PostProofDb;
  fetch: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Asked to wake the queue at this epoch ms (chrome.alarms), or to stop waking it (undefined). */
  schedule(when: number | undefined): void | Promise<void>;
  /** Told after each stamp of a capture was made or given up on (the background then draws the annotated copy). */
  afterStamp?(captureId: string): void;
}

export interface StampQueue {
  /** Runs the queue now; calls made while it runs are folded into one more pass. */
  run(): Promise<void>;
}

async function stampDue(deps: StampQueueDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  for (const stamp of await dueStamps(deps.db, now().getTime())) {
    const capture = await getCapture(deps.db, stamp.captureId);
    if (!capture) continue;
    try {
      const { tsr, info } = await requestTimestamp(stamp.tsaUrl, capture.recordBytes, { fetch: deps.fetch, timeoutMs: deps.timeoutMs });
      const obtained: ObtainedStamp = { tsr, genTime: info.genTime, signer: info.signer, ...(info.signerSha256 ? { signerSha256: info.signerSha256 } : {}), certificates: info.certificates };
      await saveStamp(deps.db, stampedRow(stamp, obtained), obtained.certificates, await timestampedDetails(stamp, obtained), now());
    } catch (error) {
      const failure = error instanceof TimestampError ? error : new TimestampError('TSA_MALFORMED', `The timestamp could not be checked: ${String(error)}`);
      await saveStampRow(deps.db, failedRow(stamp, { code: failure.code, message: failure.message }, now()));
    }
    deps.afterStamp?.(stamp.captureId);
  }
}

export function createStampQueue(deps: StampQueueDeps): StampQueue {
  let running: Promise<void> | undefined;
  let again = false;
  async function loop(): Promise<void> {
    do {
      again = false;
      await stampDue(deps);
    } while (again);
    await deps.schedule(await nextStampAttempt(deps.db));
  }
  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

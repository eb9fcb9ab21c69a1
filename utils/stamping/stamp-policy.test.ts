import { describe, expect, it } from 'vitest';
import type { StoredStamp } from '../store/rows';
import { sha256Hex } from '../provenance/hash';
import { backoffMs, failedRow, MAX_BAD_ANSWERS, stampedRow, timestampedDetails } from './stamp-policy';

const now = new Date('2026-03-01T12:00:00.000Z');
const waiting: StoredStamp = { captureId: 'c1', tsaId: 't', tsaName: 'TSA', tsaUrl: 'https://tsa.example/', state: 'waiting', attempts: 0, queuedAt: now.toISOString(), nextAttemptAt: now.getTime() };

describe('the timestamp queue’s policy', () => {
  it('waits 30 s after the first try, doubling up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });

  it('keeps an unreachable authority waiting for good, with a longer wait each time', () => {
    let row = waiting;
    for (let n = 1; n <= MAX_BAD_ANSWERS + 2; n++) row = failedRow(row, { code: 'TSA_UNREACHABLE', message: 'offline' }, now);
    expect(row).toMatchObject({ state: 'waiting', attempts: MAX_BAD_ANSWERS + 2, nextAttemptAt: now.getTime() + 3_600_000, lastError: { code: 'TSA_UNREACHABLE', at: now.toISOString() } });
  });

  it('gives up on wrong answers after MAX_BAD_ANSWERS tries, and then no longer schedules one', () => {
    const almost = { ...waiting, attempts: MAX_BAD_ANSWERS - 2 };
    expect(failedRow(almost, { code: 'TSA_MALFORMED', message: 'garbage' }, now).state).toBe('waiting');
    const given = failedRow({ ...waiting, attempts: MAX_BAD_ANSWERS - 1 }, { code: 'TSA_MALFORMED', message: 'garbage' }, now);
    expect(given).toMatchObject({ state: 'failed', attempts: MAX_BAD_ANSWERS });
    expect(given).not.toHaveProperty('nextAttemptAt');
  });

  it('stamps a row with the token, clearing its wait and last error; the custody details name the token by hash', async () => {
    const tsr = new Uint8Array([1, 2, 3]);
    const obtained = { tsr, genTime: '2026-03-01T12:00:01Z', signer: 'CN=TSA', certificates: [] };
    const retried = failedRow(waiting, { code: 'TSA_TIMEOUT', message: 'slow' }, now);
    const stamped = stampedRow(retried, obtained);
    expect(stamped).toEqual({ ...waiting, state: 'stamped', attempts: 2, tsr, genTime: obtained.genTime, signer: 'CN=TSA', nextAttemptAt: undefined, lastError: undefined });
    expect(Object.keys(stamped)).not.toContain('nextAttemptAt');
    expect(stampedRow(waiting, { ...obtained, signerSha256: 'ab' }).signerSha256).toBe('ab');
    expect(await timestampedDetails(waiting, obtained)).toEqual({ tsa: 'TSA', tsaUrl: 'https://tsa.example/', genTime: obtained.genTime, tsrSha256: await sha256Hex(tsr) });
  });
});

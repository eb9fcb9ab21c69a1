import { describe, expect, it } from 'vitest';
import type { CustodyEventType } from '../model';
import { checkCustodyLog, custodyLine, parseCustodyLine } from './custody';
import { sha256Hex } from './hash';

const record = 'c'.repeat(64);

/** A capture's log as the store writes it (utils/store/custody-log.ts, tested there): each line chained to the one before. */
async function logWithEvents(): Promise<string[]> {
  const events: [CustodyEventType, Record<string, unknown>][] = [
    ['captured', { recordSha256: record }],
    ['timestamped', { tsa: 'A', genTime: '2026-01-01T00:00:02Z' }],
    ['annotated', { notesSha256: 'd'.repeat(64) }],
    ['exported', { bundleSha256: 'e'.repeat(64) }],
  ];
  const lines: string[] = [];
  for (const [index, [event, details]] of events.entries()) {
    const previousSha256 = index === 0 ? null : await sha256Hex(lines[index - 1]!);
    lines.push(custodyLine({ captureId: 'cap-1', index, event, at: `2026-01-01T00:00:0${index}.000Z`, previousSha256, details }));
  }
  return lines;
}

describe('the custody log', () => {
  it('chains each line to the one before by SHA-256, and the check accepts it', async () => {
    const lines = await logWithEvents();
    expect(lines.map((l) => parseCustodyLine(l)!.index)).toEqual([0, 1, 2, 3]);
    expect(parseCustodyLine(lines[0]!)).toMatchObject({ event: 'captured', previousSha256: null, details: { recordSha256: record } });
    const result = await checkCustodyLog(`${lines.join('\n')}\n`, new Map([['cap-1', record]]));
    expect(result.problems).toEqual([]);
    expect(result.events.get('cap-1')?.map((e) => e.event)).toEqual(['captured', expect.any(String), expect.any(String), 'exported']);
  });

  it('names the line where an event was changed, removed, moved, or the record does not match', async () => {
    const lines = await logWithEvents();
    const check = (edited: string[], sha = record) => checkCustodyLog(edited.join('\n'), new Map([['cap-1', sha]]));
    const changed = [...lines];
    changed[1] = changed[1]!.replace('"event":"', '"event":"').replace(/"at":"[^"]+"/, '"at":"2020-01-01T00:00:00.000Z"');
    expect((await check(changed)).problems.map((p) => p.lineNumber)).toEqual([3]);
    expect((await check([lines[0]!, lines[2]!, lines[3]!])).problems[0]?.message).toMatch(/Line 2 .*event number 2 where 1 was expected/);
    expect((await check([lines[0]!, lines[2]!, lines[1]!, lines[3]!])).problems.length).toBeGreaterThan(0);
    expect((await check(lines, 'f'.repeat(64))).problems[0]?.message).toMatch(/another capture\.json/);
    expect((await check([...lines, 'not json'])).problems[0]?.message).toMatch(/Line 5 is not a PostProof custody event/);
    const foreign = custodyLine({ captureId: 'cap-2', index: 0, event: 'captured', at: 'x', previousSha256: null, details: {} });
    expect((await check([...lines, foreign])).problems[0]?.message).toMatch(/not in the bundle/);
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredCapture, StoredStamp } from '../utils/store/rows';
import { utf8 } from '../utils/provenance/hash';
import { clockSummary, StampState } from './stamp-state';

const capture: StoredCapture = {
  id: 'c-1',
  sequence: 1,
  capturedAt: '2026-11-28T10:00:00.000Z',
  platform: 'x',
  recordBytes: utf8(JSON.stringify({ clock: { timeZone: 'UTC', serverDate: 'Sat, 28 Nov 2026 10:00:01 GMT' } })),
  recordSha256: '',
  signature: new Uint8Array(),
};
const stamp = (fields: Partial<StoredStamp>): StoredStamp => ({
  captureId: 'c-1',
  tsaId: 'freetsa',
  tsaName: 'FreeTSA',
  tsaUrl: 'https://freetsa.org/tsr',
  state: 'waiting',
  attempts: 0,
  queuedAt: capture.capturedAt,
  ...fields,
});

let host: HTMLElement;
function shown(stamps?: StoredStamp[]) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(<StampState capture={capture} stamps={stamps} />, host));
  return host.querySelector('[data-testid="stamp-state"]')!;
}
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('StampState', () => {
  it('says off, waiting with the reason, failed with the reason, or stamped with the TSA offset', () => {
    expect(shown().getAttribute('data-state')).toBe('off');
    act(() => render(null, host));
    const waiting = shown([stamp({ attempts: 1, nextAttemptAt: Date.parse('2026-11-28T10:01:00Z'), lastError: { code: 'TSA_UNREACHABLE', message: 'The timestamp authority freetsa.org could not be reached', at: '' } })]);
    expect(waiting.getAttribute('data-state')).toBe('waiting');
    expect(waiting.textContent).toMatch(/^Waiting for timestamp from FreeTSA: The timestamp authority freetsa\.org could not be reached\. Next try /);
    act(() => render(null, host));
    const failed = shown([stamp({ state: 'failed', lastError: { code: 'TSA_WRONG_NONCE', message: 'nonce differs', at: '' } })]);
    expect(failed.getAttribute('data-state')).toBe('failed');
    expect(failed.textContent).toBe('Timestamp failed (FreeTSA: nonce differs)');
    act(() => render(null, host));
    const stamped = shown([stamp({ state: 'stamped', genTime: '2026-11-28T10:00:03.000Z' })]);
    expect(stamped.getAttribute('data-state')).toBe('stamped');
    expect(stamped.textContent).toBe('Timestamped by FreeTSA · FreeTSA +3 s');
  });

  it('compares the collector’s, the server’s and the TSA’s clocks in its title', () => {
    expect(clockSummary(capture, [stamp({ state: 'stamped', genTime: '2026-11-28T09:59:58.000Z' })])).toBe(
      'Collector’s clock: 2026-11-28T10:00:00.000Z\nPlatform server (HTTP Date): 2026-11-28T10:00:01.000Z (+1 s)\nFreeTSA (RFC 3161 timestamp): 2026-11-28T09:59:58.000Z (−2 s)',
    );
  });
});

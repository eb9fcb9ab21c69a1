import { describe, expect, it } from 'vitest';
import type { CaptureProgressMessage } from '../protocol';
import { progressReporter } from './progress';

describe('media download progress from the worker', () => {
  it('sends at most one message per 250 ms, with the file size when known', () => {
    let clock = 1000;
    const sent: CaptureProgressMessage[] = [];
    const report = progressReporter('p1', (message) => sent.push(message), () => clock);
    report({ received: 1, url: 'https://a.example/v.mp4', fileTotal: 9 });
    clock += 100;
    report({ received: 2, url: 'https://a.example/v.mp4' });
    clock += 200;
    report({ received: 3, url: 'https://a.example/v.mp4' });
    expect(sent).toEqual([
      { type: 'postproof/capture-progress', progressId: 'p1', received: 1, fileTotal: 9 },
      { type: 'postproof/capture-progress', progressId: 'p1', received: 3 },
    ]);
  });
});

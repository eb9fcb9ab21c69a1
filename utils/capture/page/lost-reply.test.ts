import { describe, expect, it } from 'vitest';
import { replyAfterLostAnswer } from './lost-reply';

const noWait = () => Promise.resolve();

describe('a capture whose reply was lost', () => {
  it('is saved when the worker says it was committed, asking again while the worker is not there', async () => {
    const asked: unknown[] = [];
    let calls = 0;
    const send = async (message: unknown) => {
      asked.push(message);
      if (++calls < 3) throw new Error('Could not establish connection');
      return { saved: true };
    };
    await expect(replyAfterLostAnswer(send, 'c1', new Error('lost'), noWait)).resolves.toEqual({ ok: true, captureId: 'c1', missing: [] });
    expect(asked).toEqual(Array(3).fill({ type: 'postproof/capture-status', captureId: 'c1' }));
  });

  it('passes the first error on when the capture was not committed', async () => {
    const lost = new Error('lost');
    await expect(replyAfterLostAnswer(async () => ({ saved: false }), 'c1', lost, noWait)).rejects.toBe(lost);
  });

  it('gives up after five unanswered questions, waiting longer each time', async () => {
    const waits: number[] = [];
    const send = () => Promise.reject(new Error('gone'));
    await expect(replyAfterLostAnswer(send, 'c1', new Error('lost'), async (ms) => void waits.push(ms))).rejects.toThrow('lost');
    expect(waits).toEqual([300, 600, 900, 1200, 1500]);
  });
});

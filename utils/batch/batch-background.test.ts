import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { BatchBackground, type BatchBackgroundApi } from './batch-background';
import { BATCH_STATE_KEY, type BatchState, type BatchTabMessage } from './state';

function setup(tabAnswers = true, tabExists = true) {
  const sent: { tabId: number; message: BatchTabMessage }[] = [];
  const activated: number[] = [];
  const api: BatchBackgroundApi = {
    storage: fakeBrowser.storage.local as unknown as BatchBackgroundApi['storage'],
    sendToTab: async (tabId, message) => {
      sent.push({ tabId, message });
      if (!tabAnswers) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, running: message.type === 'postproof/batch-run' };
    },
    activateTab: async (tabId) => {
      if (!tabExists) throw new Error(`No tab with id: ${tabId}.`);
      activated.push(tabId);
    },
    known: async (keys) => keys.filter((k) => k === 'x:1'),
    now: () => new Date('2026-11-28T01:53:00.000Z'),
    newId: () => 'batch-1',
  };
  return { background: new BatchBackground(api), sent, activated };
}

const stored = async () => (await fakeBrowser.storage.local.get(BATCH_STATE_KEY))[BATCH_STATE_KEY] as BatchState | undefined;

describe('BatchBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts a batch in the tab with the settings, brings the tab to the front and keeps the state in storage', async () => {
    await fakeBrowser.storage.local.set({ batchLimit: 50, batchPaceMs: [100, 200] });
    const { background, sent, activated } = setup();
    const reply = await background.handle({ type: 'postproof/batch-start', tabId: 7 }, undefined);
    expect(reply).toMatchObject({ ok: true });
    expect(activated).toEqual([7]);
    expect(sent[0]).toEqual({ tabId: 7, message: { type: 'postproof/batch-run', batchId: 'batch-1', limit: 50, paceMs: [100, 200], counts: { captured: 0, skipped: 0, failed: 0 } } });
    expect(await stored()).toMatchObject({ id: 'batch-1', tabId: 7, status: 'running', limit: 50 });

    await background.handle({ type: 'postproof/batch-progress', batchId: 'batch-1', status: 'running', counts: { captured: 1, skipped: 2, failed: 0 }, recent: { captureId: 'c1', label: '@a: hi' } }, 7);
    expect(await stored()).toMatchObject({ captured: 1, skipped: 2, recent: [{ captureId: 'c1' }] });
    // Reports from another tab or another batch are not this batch's.
    await background.handle({ type: 'postproof/batch-progress', batchId: 'batch-1', status: 'done', counts: { captured: 9, skipped: 0, failed: 0 } }, 8);
    expect(await stored()).toMatchObject({ status: 'running', captured: 1 });
  });

  it('answers which posts the store holds', async () => {
    const { background } = setup();
    expect(await background.handle({ type: 'postproof/batch-known', keys: ['x:1', 'x:2'] }, 7)).toEqual({ known: ['x:1'] });
  });

  it('pauses, resumes and cancels through the tab; a cancelled batch stays cancelled', async () => {
    const { background, sent } = setup();
    await background.handle({ type: 'postproof/batch-start', tabId: 7 }, undefined);
    await background.handle({ type: 'postproof/batch-control', action: 'pause' }, undefined);
    expect((await stored())?.status).toBe('paused');
    expect(sent.at(-1)?.message).toEqual({ type: 'postproof/batch-steer', batchId: 'batch-1', action: 'pause' });
    await background.handle({ type: 'postproof/batch-control', action: 'cancel' }, undefined);
    await background.handle({ type: 'postproof/batch-progress', batchId: 'batch-1', status: 'running', counts: { captured: 3, skipped: 0, failed: 0 } }, 7);
    expect((await stored())?.status).toBe('cancelled');
  });

  it('after a worker restart reports a running batch as interrupted, and resumes it with its counts', async () => {
    const { background, sent } = setup();
    await background.handle({ type: 'postproof/batch-start', tabId: 7 }, undefined);
    await background.handle({ type: 'postproof/batch-progress', batchId: 'batch-1', status: 'running', counts: { captured: 4, skipped: 1, failed: 0 } }, 7);

    const restarted = setup();
    const interrupted = await restarted.background.recover();
    expect(interrupted).toMatchObject({ status: 'interrupted', captured: 4 });
    expect((await stored())?.message).toMatch(/nothing half-written/);
    expect(restarted.sent.at(-1)?.message).toEqual({ type: 'postproof/batch-steer', batchId: 'batch-1', action: 'interrupt' });

    await restarted.background.handle({ type: 'postproof/batch-control', action: 'resume' }, undefined);
    expect((await stored())?.status).toBe('running');
    expect(restarted.sent.at(-1)?.message).toMatchObject({ type: 'postproof/batch-run', batchId: 'batch-1', counts: { captured: 4, skipped: 1, failed: 0 } });
    expect(sent.length).toBeGreaterThan(0);
  });

  it('says so when the tab has no PostProof to run the batch', async () => {
    const { background } = setup(false);
    const reply = await background.handle({ type: 'postproof/batch-start', tabId: 7 }, undefined);
    expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/Reload the page/) });
    expect((await stored())?.status).toBe('interrupted');
  });

  it('after a browser restart, when the batch’s tab is gone, says to open the page again rather than reload it', async () => {
    await setup().background.handle({ type: 'postproof/batch-start', tabId: 7 }, undefined);
    await setup().background.handle({ type: 'postproof/batch-progress', batchId: 'batch-1', status: 'running', counts: { captured: 3, skipped: 0, failed: 0 } }, 7);
    const relaunched = setup(false, false);
    await relaunched.background.recover();
    const reply = await relaunched.background.handle({ type: 'postproof/batch-control', action: 'resume' }, undefined);
    expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/tab of this batch is gone.*3 post\(s\) were saved.*Open the page again/) });
    expect(await stored()).toMatchObject({ status: 'interrupted', captured: 3 });
  });
});

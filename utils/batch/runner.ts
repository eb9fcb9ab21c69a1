// The batch loop in the page: scroll step by step, capture each new post once, at a human pace, with pause, resume
// and cancel. The page, the store and the capture are passed in, so the loop runs in tests on plain fakes.
import { MAX_IDLE_SCROLLS, nextStep, paceDelay, unseenKeys } from './planner';
import type { BatchCounts, BatchRecent, BatchStatus } from './state';

export interface BatchPage<P> {
  /** The post elements on the page now, in document order. */
  posts(): P[];
  /** "platform:id" of a post, or undefined when it has no id to keep it by. */
  keyOf(post: P): string | undefined;
  /** Scrolls one step down; false when the page did not move (its end, for now). */
  scrollStep(): Promise<boolean>;
}

export type CaptureOutcome = { ok: true; captureId: string; label: string } | { ok: false; message: string; fatal?: boolean };

export interface BatchRunDeps<P> {
  page: BatchPage<P>;
  /** Which of these keys the store holds already. */
  known(keys: string[]): Promise<ReadonlySet<string>>;
  capture(post: P): Promise<CaptureOutcome>;
  report(status: BatchStatus, counts: BatchCounts, message?: string, recent?: BatchRecent): void;
  limit: number;
  paceMs: readonly [number, number];
  /** Counts carried over when a batch is resumed after an interruption. */
  counts?: BatchCounts;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Pause, resume, cancel from the page panel, the popup or the side panel. */
export class BatchSteering {
  private state: 'running' | 'paused' | 'cancelled' | 'interrupted' = 'running';
  private wake?: () => void;

  get current() {
    return this.state;
  }

  set(action: 'pause' | 'resume' | 'cancel' | 'interrupt'): void {
    if (this.state === 'cancelled' || this.state === 'interrupted') return;
    this.state = action === 'pause' ? 'paused' : action === 'resume' ? 'running' : action === 'cancel' ? 'cancelled' : 'interrupted';
    if (this.state !== 'paused') this.wake?.();
  }

  /** Resolves once running again, or stopped for good (then returns false). */
  async proceed(): Promise<boolean> {
    while (this.state === 'paused') await new Promise<void>((resolve) => (this.wake = resolve));
    return this.state === 'running';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runBatch<P>(deps: BatchRunDeps<P>, steering: BatchSteering): Promise<BatchCounts & { status: BatchStatus }> {
  const sleep = deps.sleep ?? defaultSleep;
  const counts: BatchCounts = { ...(deps.counts ?? { captured: 0, skipped: 0, failed: 0 }) };
  const seen = new Set<string>();
  let idleScrolls = 0;
  let atEnd = false;
  // Time for a timeline to load more after a scroll: the pace's lower end, never less than 300 ms.
  const settleMs = Math.max(300, deps.paceMs[0]);
  const stopped = (): BatchStatus => (steering.current === 'interrupted' ? 'interrupted' : 'cancelled');

  deps.report('running', counts);
  for (;;) {
    if (!(await steering.proceed())) {
      deps.report(stopped(), counts);
      return { ...counts, status: stopped() };
    }
    const posts = deps.page.posts();
    const keyed = posts.map((post) => ({ post, key: deps.page.keyOf(post) }));
    const fresh = unseenKeys(keyed.map((k) => k.key), seen);
    if (fresh.length > 0) {
      const stored = await deps.known(fresh);
      for (const key of fresh) {
        if (!stored.has(key)) continue;
        seen.add(key);
        counts.skipped += 1;
      }
    }
    const step = nextStep({ keys: keyed.flatMap((k) => (k.key ? [k.key] : [])), seen, captured: counts.captured, limit: deps.limit, atEnd, idleScrolls });
    if (step.kind === 'finish') {
      const message = step.reason === 'limit' ? `Stopped at the limit of ${deps.limit} new captures per run.` : 'Reached the end of the page.';
      deps.report('done', counts, message);
      return { ...counts, status: 'done' };
    }
    if (step.kind === 'scroll') {
      atEnd = !(await deps.page.scrollStep());
      idleScrolls += 1;
      await sleep(settleMs * (atEnd ? Math.min(idleScrolls, MAX_IDLE_SCROLLS) : 1));
      continue;
    }
    idleScrolls = 0;
    atEnd = false;
    seen.add(step.key);
    const post = keyed.find((k) => k.key === step.key)!.post;
    const outcome = await deps.capture(post);
    if (outcome.ok) {
      counts.captured += 1;
      // Paused while this capture ran: say so, or the report would undo the pause.
      deps.report(steering.current === 'paused' ? 'paused' : 'running', counts, undefined, { captureId: outcome.captureId, label: outcome.label });
    } else if (outcome.fatal) {
      steering.set('interrupt');
      deps.report('interrupted', counts, outcome.message);
      return { ...counts, status: 'interrupted' };
    } else {
      counts.failed += 1;
      deps.report(steering.current === 'paused' ? 'paused' : 'running', counts, outcome.message);
    }
    await sleep(paceDelay(deps.paceMs, deps.random));
  }
}

// One capture at a time: each record is numbered after the one before it (its sequence and the previous record's
// hash), so the worker runs captures in turn, in the order they were asked for.

export class CaptureQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every capture queued before it has finished; a failed capture does not stop the ones after it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every capture queued so far has finished, whichever way. */
  async settled(): Promise<void> {
    await this.tail;
  }
}

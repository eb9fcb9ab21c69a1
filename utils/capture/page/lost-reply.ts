// A capture whose reply was lost: the worker may have been stopped after committing and before answering. The page
// asks after the capture by its id (capture-status, answered once no capture is running) before calling it a failure.
import type { CaptureReply, CaptureStatusReply } from '../protocol';

const STATUS_ATTEMPTS = 5;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The capture was committed (saved), or it never will be: then `error`, the reason the reply was lost, is thrown. */
export async function replyAfterLostAnswer(
  send: (message: unknown) => Promise<unknown>,
  captureId: string,
  error: unknown,
  wait: (ms: number) => Promise<void> = pause,
): Promise<CaptureReply> {
  for (let attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
    try {
      const status = (await send({ type: 'postproof/capture-status', captureId })) as CaptureStatusReply;
      if (status.saved) return { ok: true, captureId, missing: [] };
      break;
    } catch {
      await wait(300 * (attempt + 1));
    }
  }
  throw error;
}

// The message an extension page sends the worker to push captures to the locker. Pages import only this; they read
// the queue's states themselves (utils/locker/queue.ts), and test the connection and read team captures directly.

export const LOCKER_PUSH_MESSAGE = 'postproof/locker-push';

export interface LockerPushMessage {
  type: typeof LOCKER_PUSH_MESSAGE;
  captureIds: string[];
}

export interface LockerPushAnswer {
  ok: boolean;
  /** Captures put in the queue (already locked ones are not queued again). */
  queued: number;
  message?: string;
}

/** The most capture ids one message may carry; a selection beyond it is sent in several. */
export const MAX_PUSH_IDS_PER_MESSAGE = 500;

export function isLockerPushMessage(message: unknown): message is LockerPushMessage {
  const m = message as Partial<LockerPushMessage> | null;
  return (
    !!m &&
    m.type === LOCKER_PUSH_MESSAGE &&
    Array.isArray(m.captureIds) &&
    m.captureIds.length <= MAX_PUSH_IDS_PER_MESSAGE &&
    m.captureIds.every((id) => typeof id === 'string' && id.length <= 64)
  );
}

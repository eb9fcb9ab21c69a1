// The practice capture of the first-run page: the built-in sample post of onboarding.html goes through the real
// pipeline (screenshot of the tab, snapshot, signature, chain, timestamps, collector), but only from this extension's
// own first-run page, and it always joins the "Practice" case with the "practice" tag, so it is never taken for
// evidence. The page's address is the first-run page itself, whatever the message says.
import type { CaptureRequest, CaptureResponse } from '../../model';
import type { Rect } from '../stitch';
import type { ScreenshotReply } from '../protocol';
import { backgroundMessageProblem, type SenderLike } from './message-guards';
import { preservePost, type CaptureDeps } from './pipeline';
import type { ScreenshotOutcome } from './pipeline';
import type { PostProofDb, StoredKey } from '../../store/db';
import { createCase, saveAnnotation } from '../../store/annotations';
import { ONBOARDING_PATH, PRACTICE_CASE_NAME, PRACTICE_TAG } from '../../extension/first-run';

export const PRACTICE_CAPTURE = 'postproof/practice-capture';

export interface PracticeCaptureMessage {
  type: typeof PRACTICE_CAPTURE;
  request: CaptureRequest;
}

export function isPracticeCaptureMessage(message: unknown): message is PracticeCaptureMessage {
  return (message as { type?: unknown } | null)?.type === PRACTICE_CAPTURE;
}

export interface PracticeDeps {
  runtimeId: string;
  /** chrome-extension://<id>/ (or moz-extension://…/). */
  extensionOrigin: string;
  db: Promise<PostProofDb>;
  key(db: PostProofDb): Promise<StoredKey>;
  software: string;
  screenshots: { take(windowId: number, rect: Rect, viewportWidth: number): Promise<ScreenshotReply>; claim(token: string): ScreenshotOutcome };
  settings(db: PostProofDb): Promise<Pick<CaptureDeps, 'collector' | 'stampWith'>>;
  onCommitted(captureId: string): void;
}

export const PRACTICE_NOTE = 'Practice capture of the built-in sample post on the first-run page. Not evidence.';

/** Why the sender may not ask for a practice capture, or null. */
export function practiceSenderProblem(sender: SenderLike & { tab?: { windowId?: number } }, deps: Pick<PracticeDeps, 'runtimeId' | 'extensionOrigin'>): string | null {
  const firstRun = new URL(ONBOARDING_PATH, deps.extensionOrigin).href;
  if (sender.id !== deps.runtimeId || typeof sender.url !== 'string' || sender.url.split(/[?#]/)[0] !== firstRun) {
    return 'A practice capture is taken only from the PostProof first-run page.';
  }
  return null;
}

export async function practiceCapture(message: PracticeCaptureMessage, sender: SenderLike & { tab?: { windowId?: number } }, deps: PracticeDeps): Promise<CaptureResponse> {
  const refused = practiceSenderProblem(sender, deps);
  if (refused) return { ok: false, code: 'refused', message: refused };
  const request: CaptureRequest = { ...message.request, page: { url: sender.url!.split(/[?#]/)[0]!, title: message.request?.page?.title ?? '' } };
  const malformed = backgroundMessageProblem({ type: 'postproof/capture', request, screenshot: { ok: false, reason: '-' } });
  if (malformed) return { ok: false, code: 'refused', message: malformed };
  // No media: the sample's picture is part of the page, kept in the snapshot and the screenshot.
  const { media: _media, ...post } = request.post;
  const windowId = sender.tab?.windowId;
  const reply = windowId === undefined ? { ok: false as const, reason: 'The first-run page is not in a browser tab, so no screenshot was taken.' } : await deps.screenshots.take(windowId, request.rect, request.viewport.width);
  const shot: ScreenshotOutcome = reply.ok ? deps.screenshots.claim(reply.token) : { error: reply.reason };
  const db = await deps.db;
  const practice = await createCase(db, PRACTICE_CASE_NAME);
  const result = await preservePost({ ...request, post }, shot, {
    db,
    key: await deps.key(db),
    software: deps.software,
    // Nothing is fetched for a practice capture.
    fetch: () => Promise.reject(new Error('A practice capture fetches nothing.')),
    ...(await deps.settings(db)),
    cases: [practice.id],
  });
  if (result.ok) {
    await saveAnnotation(db, result.captureId, { cases: [practice.id], tags: [PRACTICE_TAG], note: PRACTICE_NOTE });
    deps.onCommitted(result.captureId);
  }
  return result;
}

// What a capture shows on the page while it runs: the post's Preserve control (preserve-control.ts), or, in quiet
// mode, nothing at all. The content script's one capture path (preserve-post.ts) reports to either.

export type ControlState = 'idle' | 'saving' | 'saved' | 'error';

export interface PreserveView {
  setState(state: ControlState, detail?: { captureId?: string; message?: string }): void;
  /** While saving: how far the media download has come. */
  setProgress(text: string, receivedBytes: number): void;
  /** Kept out of the screenshot, so the evidence shows the post and nothing of PostProof. */
  setHiddenForScreenshot(hidden: boolean): void;
}

/** Quiet mode: nothing on the page shows the capture; its outcome reaches the extension's own pages only. */
export const QUIET_VIEW: PreserveView = {
  setState: () => undefined,
  setProgress: () => undefined,
  setHiddenForScreenshot: () => undefined,
};

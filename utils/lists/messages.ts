// The messages of capture from a list (utils/lists/): pages create and steer lists in the background; the background
// asks the content script in each URL's tab to find and preserve the focal post (or profile) and say what it found.
import type { CaptureLink } from '../model';
import type { StoredListItem } from '../store/rows';

export type ListOutcome = StoredListItem['outcome'];

/** Extension page → background: a new list (it starts at once), or steer one. */
export type ListCommandMessage =
  | {
      type: 'postproof/list-create';
      name: string;
      urls: string[];
      /** Tabs at once, 1–3 (default 1). */
      concurrency?: number;
      /** Per URL: the capture it was asked from (a quoted post, an author's profile), recorded in the new capture. */
      links?: Record<string, Omit<CaptureLink, 'captureSha256'>>;
    }
  | { type: 'postproof/list-control'; listId: string; action: 'pause' | 'resume' | 'cancel' };

/** Background → content script in the URL's tab: find the focal post (or the profile) of this page and preserve it. */
export interface ListCaptureMessage {
  type: 'postproof/list-capture';
  listId: string;
  index: number;
  url: string;
  /** What the URL is: a post (the default), or an account's profile. */
  target: 'post' | 'profile';
  linkedFrom?: Omit<CaptureLink, 'captureSha256'>;
}

/** The content script's answer: what the page held, and the capture made when there was one. */
export type ListCaptureReply = { outcome: ListOutcome; captureId?: string; message?: string; postKey?: string };

export function isListCommand(message: unknown): message is ListCommandMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'postproof/list-create' || type === 'postproof/list-control';
}

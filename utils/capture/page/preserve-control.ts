// The in-page Preserve control: <postproof-control> with an open shadow root, so page styles cannot reach it.
// Plain DOM rather than Preact: it runs in every post of a timeline and must stay tiny.
// Its words come from chrome.i18n, which content scripts can read, in the extension's language (not the page's).
// It acts only on the person's own clicks and keys: a page script that clicks it (its shadow root is open, by the
// automation contract) starts nothing.
// Beside Preserve, a small Thread button (postproof-preserve-thread) preserves the post's thread (utils/threads/page/):
// same states, its progress in its title and the live region, pressed again to cancel. Both keep a fixed width.
import { t, uiLocale, type MessageKey } from '../../i18n/i18n';
import { isUserEvent } from './user-event';
import type { ControlState, PreserveView } from './preserve-view';

const LABELS: Record<ControlState, MessageKey> = {
  idle: 'control_preserve',
  saving: 'control_saving',
  saved: 'control_saved',
  error: 'control_failed',
};

const STYLE = `
:host { all: initial; display: block; direction: inherit; }
.bar { display: flex; justify-content: flex-end; gap: 4px; padding: 2px 8px 6px; }
button {
  font: 600 12px/1.2 system-ui, sans-serif; border-radius: 999px; padding: 4px 10px; cursor: pointer;
  border: 1px solid #5b6b7a; background: #fff; color: #0f1419;
  /* One width for every state, so "Saving…" → "Saved" never reflows the platform's layout around the post. */
  min-inline-size: 9em; white-space: nowrap; text-align: center;
}
button:focus-visible { outline: 2px solid #1d72d8; outline-offset: 2px; }
button[data-state="saving"] { opacity: .7; cursor: progress; }
/* The thread button: compact, and one width whatever it says ("Thread", "12/52", "Thread ✓"). */
button.thread { min-inline-size: 0; inline-size: 6.5em; overflow: hidden; text-overflow: ellipsis; padding-inline: 6px; font-weight: 500; }
button.thread[data-state="saving"] { opacity: 1; font-variant-numeric: tabular-nums; }
button[data-state="saved"] { border-color: #16794a; color: #16794a; }
button[data-state="error"] { border-color: #b3261e; color: #b3261e; }
/* Read by screen readers, never seen: the button's new state, said when it changes without the focus on it. */
.live { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

const THREAD_LABELS: Record<ControlState, MessageKey> = {
  idle: 'thread_button',
  saving: 'thread_button_saving',
  saved: 'thread_button_saved',
  error: 'thread_button_failed',
};

/** What the thread's progress shows on the Thread button: its state, and while saving how far it has come. */
export interface ThreadButtonView {
  setThreadState(state: ControlState, detail?: { threadId?: string; message?: string; progress?: { done: number; total: number } }): void;
}

export class PreserveControl implements PreserveView, ThreadButtonView {
  readonly host: HTMLElement;
  readonly button: HTMLButtonElement;
  /** The Thread button, when the page can preserve threads (a thread reader for the platform). */
  readonly threadButton?: HTMLButtonElement;
  /** A polite live region: "Saving…", "Saved" or the error, announced as the capture goes on. */
  readonly live: HTMLElement;

  constructor(onPreserve: (control: PreserveControl) => void, onThread?: (control: PreserveControl) => void) {
    this.host = document.createElement('postproof-control');
    const root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const bar = document.createElement('div');
    bar.className = 'bar';
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.dataset.testid = 'postproof-preserve';
    // The bar follows the page's direction (the control sits where the page's own buttons end); the label is in
    // the extension's language, so it carries that language's lang and direction.
    const { lang, dir } = uiLocale();
    this.button.lang = lang;
    this.button.dir = dir;
    this.live = document.createElement('span');
    this.live.className = 'live';
    this.live.setAttribute('role', 'status');
    this.live.lang = lang;
    this.live.dir = dir;
    bar.append(this.button);
    if (onThread) {
      const thread = document.createElement('button');
      thread.type = 'button';
      thread.className = 'thread';
      thread.dataset.testid = 'postproof-preserve-thread';
      thread.lang = lang;
      thread.dir = dir;
      // The visible word is short; the name says what it does and contains that word (label in name).
      thread.setAttribute('aria-label', t('thread_label'));
      thread.addEventListener('click', (event) => {
        event.stopPropagation();
        event.preventDefault();
        // Only the person's own click or key: a page script cannot start (or cancel) a thread capture.
        if (!isUserEvent(event)) return;
        // Pressed while saving, it cancels: the handler knows the run.
        onThread(this);
      });
      this.threadButton = thread;
      bar.append(thread);
    }
    bar.append(this.live);
    root.append(style, bar);
    this.setState('idle');
    if (this.threadButton) this.setThreadState('idle');
    this.button.addEventListener('click', (event) => {
      // The click belongs to PostProof, not to the post: X would otherwise open the post.
      event.stopPropagation();
      event.preventDefault();
      // A real click, or Enter or Space on the focused button (the browser turns those into a trusted click).
      if (!isUserEvent(event)) return;
      if (this.button.dataset.state !== 'saving') onPreserve(this);
    });
  }

  setState(state: ControlState, detail?: { captureId?: string; message?: string }): void {
    this.button.dataset.state = state;
    this.button.textContent = t(LABELS[state]);
    this.button.setAttribute('aria-busy', String(state === 'saving'));
    if (detail?.captureId) this.button.dataset.captureId = detail.captureId;
    this.button.title = detail?.message ?? (state === 'saved' ? t('control_saved_title') : t('control_title'));
    // Idle is where every control starts: nothing to announce (a timeline has one per post).
    this.live.textContent = state === 'idle' ? '' : state === 'error' && detail?.message ? `${t(LABELS[state])}: ${detail.message}` : t(LABELS[state]);
  }

  setThreadState(state: ControlState, detail?: { threadId?: string; message?: string; progress?: { done: number; total: number } }): void {
    const button = this.threadButton;
    if (!button) return;
    const { progress } = detail ?? {};
    button.dataset.state = state;
    button.setAttribute('aria-busy', String(state === 'saving'));
    if (detail?.threadId) button.dataset.threadId = detail.threadId;
    if (progress) {
      button.dataset.progressDone = String(progress.done);
      button.dataset.progressTotal = String(progress.total);
    }
    button.textContent = state === 'saving' && progress ? t('thread_progress_short', [progress.done, progress.total]) : t(THREAD_LABELS[state]);
    const said = state === 'saving' && progress ? t('thread_progress', [progress.done, progress.total]) : detail?.message;
    button.title = said ?? (state === 'saving' ? t('thread_button_saving') : t('thread_title'));
    if (state !== 'idle' || detail?.message) this.live.textContent = said ?? t(THREAD_LABELS[state]);
  }

  /** While saving: how far the media download has come, in the title and as bytes for scripts. State stays 'saving'. */
  setProgress(text: string, receivedBytes: number): void {
    if (this.button.dataset.state !== 'saving') return;
    this.button.title = text;
    this.button.dataset.progressBytes = String(receivedBytes);
  }

  /** Hidden (but still taking space) while the screenshot is taken, so the evidence shows the post, not our button. */
  setHiddenForScreenshot(hidden: boolean): void {
    this.host.style.visibility = hidden ? 'hidden' : '';
  }
}

// The Preserve controls of a page, switched by quiet mode (utils/extension/quiet-mode.ts): a control on every post the adapter
// finds, now and as the page loads more; or, while quiet, none at all, and whatever PostProof had added to the page
// (controls, a batch's panel, controls left by an earlier instance of the extension) is taken away.
import { observeElements } from '../../platforms/observe';
import { attachControl, CONTROL_TAG } from './control-slots';
import { BATCH_PANEL_TAG } from './own-elements';
import type { PreserveControl } from './preserve-control';

/** Takes away PostProof's own elements from the page (the element picker's overlay stays: the person is using it). */
export function removeOwnElements(doc: Document): number {
  const own = doc.querySelectorAll(`${CONTROL_TAG}, ${BATCH_PANEL_TAG}`);
  own.forEach((element) => element.remove());
  return own.length;
}

/**
 * Returns the switch the quiet-mode setting drives: `false` shows controls on the posts `selector` finds (none
 * without a selector: a page no adapter reads), `true` removes them and stops adding more. Nothing happens before
 * the first call. Stops for good when `signal` aborts. With `onThread`, each control also has its Thread button.
 */
export function pageControls(
  doc: Document,
  selector: string | undefined,
  onPreserve: (post: Element, control: PreserveControl) => void,
  signal: AbortSignal,
  onThread?: (post: Element, control: PreserveControl) => void,
): (quiet: boolean) => void {
  let watching: AbortController | undefined;
  signal.addEventListener('abort', () => watching?.abort(), { once: true });
  return (quiet) => {
    if (quiet) {
      watching?.abort();
      watching = undefined;
      removeOwnElements(doc);
      return;
    }
    if (watching || signal.aborted || !selector) return;
    watching = new AbortController();
    observeElements(
      doc,
      selector,
      (post) => void attachControl(post, (control) => onPreserve(post, control), onThread && ((control) => onThread(post, control))),
      { signal: watching.signal },
    );
  };
}

// One selector observer for all adapters: reports each matching element once, now and as timelines load more.
import { isElement } from './dom';

const CONTROL_TAG = 'postproof-control';

export function observeElements(
  root: ParentNode,
  selector: string,
  onElement: (el: Element) => void,
  { signal }: { signal: AbortSignal },
): void {
  if (signal.aborted) return;
  const seen = new WeakSet<Element>();

  const report = (el: Element): void => {
    // Our own control must never be mistaken for page content, whatever the selector.
    if (seen.has(el) || el.closest(CONTROL_TAG) || !root.contains(el)) return;
    seen.add(el);
    onElement(el);
  };

  const scan = (node: ParentNode): void => {
    if (isElement(node) && node.matches(selector)) report(node);
    node.querySelectorAll(selector).forEach(report);
  };

  // The browser hands over every mutation since the last callback at once, so one scan per added subtree suffices.
  const observer = new MutationObserver((records) => {
    if (signal.aborted) return;
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (isElement(node)) scan(node);
      });
    }
  });

  scan(root);
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

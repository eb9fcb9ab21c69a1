// The element picker's script, injected on demand (entrypoints/picker.ts, PICKER_SCRIPT_FILE) by the popup and by the
// keyboard command or context menu where no post is found, so no resident content script carries the picker and the
// generic reader. It runs in the content scripts' isolated world: the chosen element gets a control (none in quiet
// mode) and is preserved as a generic capture through the same path as a post (preserve-post.ts).
import { pageApi } from '../../extension/page-api';
import { followQuietMode } from '../../extension/quiet-mode';
import { extractGeneric } from '../../platforms/generic';
import { attachControl } from './control-slots';
import { startElementPicker } from './picker';
import { preservePostOnPage, type PostReader, type PreservePostDeps } from './preserve-post';
import { QUIET_VIEW, type PreserveView } from './preserve-view';
import type { MessageEvents } from './progress';
import { watchStreams } from './streams';

export function startPicker(doc: Document = document): void {
  const browser = pageApi();
  const picking = new AbortController();
  // Quiet until read, as in the resident scripts; followed only while the user picks.
  const quiet = followQuietMode(browser.storage, () => undefined, picking.signal);
  // The page's streams so far (buffered Resource Timing): a generic capture ties none, but counts them as untied.
  const streams = watchStreams();
  const deps: PreservePostDeps = {
    send: (message) => browser.runtime.sendMessage(message),
    messages: browser.runtime.onMessage as unknown as MessageEvents,
    streamCandidates: () => streams.candidates(),
  };
  const generic: PostReader = { extract: extractGeneric };
  const preserve = (element: Element, view: PreserveView) => void preservePostOnPage(element, generic, view, deps).finally(() => streams.stop());
  startElementPicker(doc, {
    onPick: (element) => {
      const control = quiet() ? QUIET_VIEW : attachControl(element, (c) => preserve(element, c));
      picking.abort();
      if (control) preserve(element, control);
      else streams.stop();
    },
    onCancel: () => {
      picking.abort();
      streams.stop();
    },
  });
}

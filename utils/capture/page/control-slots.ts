// One Preserve control per post, however often the content script runs in a tab (declared in the manifest, then
// injected again from the toolbar): controls of this extension instance are remembered in the script's world.
import { PreserveControl } from './preserve-control';

export const CONTROL_TAG = 'postproof-control';
const LIVE_CONTROLS = Symbol.for('postproof.liveControls');
/** Elements that cannot hold children: their control goes right after them. */
const VOID_ELEMENTS = new Set(['img', 'video', 'audio', 'iframe', 'canvas', 'input', 'textarea', 'select', 'embed', 'object', 'hr', 'br']);

function liveControls(): WeakSet<Element> {
  const world = globalThis as typeof globalThis & { [LIVE_CONTROLS]?: WeakSet<Element> };
  return (world[LIVE_CONTROLS] ??= new WeakSet());
}

/** The control objects behind the hosts, so batch capture and shortcuts preserve through a post's own control. */
const CONTROL_OBJECTS = Symbol.for('postproof.controlObjects');
function controlObjects(): WeakMap<Element, PreserveControl> {
  const world = globalThis as typeof globalThis & { [CONTROL_OBJECTS]?: WeakMap<Element, PreserveControl> };
  return (world[CONTROL_OBJECTS] ??= new WeakMap());
}

/** The working control of a post, if it has one. */
export function liveControlOf(post: Element): PreserveControl | undefined {
  return controlsOf(post).map((el) => controlObjects().get(el)).find((control) => control !== undefined);
}

function controlsOf(post: Element): Element[] {
  if (VOID_ELEMENTS.has(post.localName)) {
    const next = post.nextElementSibling;
    return next?.localName === CONTROL_TAG ? [next] : [];
  }
  return Array.from(post.children).filter((el) => el.localName === CONTROL_TAG);
}

/**
 * Adds a Preserve control to the post, unless a working one is there already (returns undefined then). A control
 * left by an earlier instance of the extension (reloaded or updated, so its button no longer works) is replaced.
 */
export function attachControl(
  post: Element,
  onPreserve: (control: PreserveControl) => void,
  onThread?: (control: PreserveControl) => void,
): PreserveControl | undefined {
  const live = liveControls();
  const existing = controlsOf(post);
  if (existing.some((el) => live.has(el))) return undefined;
  existing.forEach((el) => el.remove());
  const control = new PreserveControl(onPreserve, onThread);
  live.add(control.host);
  controlObjects().set(control.host, control);
  if (VOID_ELEMENTS.has(post.localName)) post.after(control.host);
  else post.append(control.host);
  return control;
}

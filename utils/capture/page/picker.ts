// The element picker for generic captures: hover outlines an element, a click chooses it, Escape cancels; from the
// keyboard the arrow keys walk the page (up: parent, down: child, left/right: siblings) and Enter chooses. Only the
// person's own input counts: a page script dispatching moves, clicks or keys cannot choose what is preserved.
import { isUserEvent } from './user-event';

const PICKER_TAG = 'postproof-picker';
/** Elements that are PostProof's own and never offered for capture. */
const OWN_ELEMENTS = `${PICKER_TAG}, postproof-control`;

export type PickerKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

const STYLE = `
:host { all: initial; }
.box { position: fixed; pointer-events: none; z-index: 2147483647; outline: 3px solid #1d72d8;
  background: rgba(29, 114, 216, .12); border-radius: 2px; display: none; }
.hint { position: fixed; z-index: 2147483647; inset-block-start: 8px; inset-inline-start: 50%; transform: translateX(-50%);
  font: 13px/1.4 system-ui, sans-serif; background: #0f1419; color: #fff; padding: 6px 12px; border-radius: 6px;
  pointer-events: none; max-width: 90vw; }
`;

function isCandidate(el: Element | null | undefined): el is Element {
  return Boolean(el && el.localName !== 'html' && el.localName !== 'head' && !el.closest(OWN_ELEMENTS));
}

function elementChildren(el: Element): Element[] {
  return Array.from(el.children).filter(isCandidate);
}

/**
 * Where an arrow key moves the outline. Down returns to the child the user came up from (`trail`), so up then down
 * is a round trip; otherwise it enters the first child. Returns the same element when there is nowhere to go.
 */
export function nextCandidate(current: Element, key: PickerKey, trail: Element[] = []): Element {
  const body = current.ownerDocument.body;
  switch (key) {
    case 'ArrowUp': {
      const parent = current.parentElement;
      return current !== body && isCandidate(parent) ? parent : current;
    }
    case 'ArrowDown': {
      const children = elementChildren(current);
      const back = trail.at(-1);
      return back && children.includes(back) ? back : (children[0] ?? current);
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const siblings = current.parentElement ? elementChildren(current.parentElement) : [];
      const index = siblings.indexOf(current);
      const step = key === 'ArrowRight' ? 1 : -1;
      return siblings[index + step] ?? current;
    }
  }
}

/** Where the keyboard starts when the mouse has not pointed at anything yet: the page's main content. */
function initialCandidate(document: Document): Element {
  const main = document.querySelector('main, [role="main"], article');
  return isCandidate(main) ? main : (elementChildren(document.body)[0] ?? document.body);
}

function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const cls = el.classList.length ? `.${Array.from(el.classList).slice(0, 2).join('.')}` : '';
  return `<${el.localName}${id}${cls}>`;
}

export interface PickerOptions {
  onPick(element: Element): void;
  onCancel(): void;
}

export interface ElementPicker {
  /** The element outlined now (the one Enter or a click would choose). */
  readonly current: Element | undefined;
  stop(): void;
}

/** Starts picking on the document; the picker removes itself after a pick, a cancel, or stop(). */
export function startElementPicker(document: Document, { onPick, onCancel }: PickerOptions): ElementPicker {
  const view = document.defaultView ?? window;
  const host = document.createElement(PICKER_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const box = document.createElement('div');
  box.className = 'box';
  const hint = document.createElement('div');
  hint.className = 'hint';
  hint.setAttribute('role', 'status');
  hint.setAttribute('aria-live', 'polite');
  root.append(style, box, hint);
  document.documentElement.append(host);

  const controller = new AbortController();
  let current: Element | undefined;
  let trail: Element[] = [];

  const outline = (el: Element): void => {
    current = el;
    const rect = el.getBoundingClientRect();
    Object.assign(box.style, {
      display: 'block',
      left: `${rect.left}px`,
      top: `${rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
    });
    hint.textContent = `PostProof: ${describe(el)} — click or Enter to preserve it; arrow keys: ↑ parent, ↓ child, ← → siblings; Esc cancels.`;
  };

  const finish = (): void => {
    controller.abort();
    host.remove();
  };

  const swallow = (event: Event): void => {
    event.preventDefault();
    event.stopPropagation();
    event.stopImmediatePropagation();
  };

  const options = { capture: true, signal: controller.signal };
  document.addEventListener(
    'mousemove',
    (event) => {
      if (!isUserEvent(event)) return;
      const target = event.target as Element | null;
      if (isCandidate(target) && target !== current) {
        trail = [];
        outline(target);
      }
    },
    options,
  );
  // The page must not react to the press that chooses (links would navigate, apps would open the post).
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
    document.addEventListener(type, (event) => { if (isUserEvent(event) && isCandidate(event.target as Element)) swallow(event); }, options);
  }
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (!isUserEvent(event) || !isCandidate(target)) return;
      swallow(event);
      finish();
      onPick(target);
    },
    options,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (!isUserEvent(event)) return;
      if (event.key === 'Escape') {
        swallow(event);
        finish();
        onCancel();
      } else if (event.key === 'Enter' && current) {
        swallow(event);
        const chosen = current;
        finish();
        onPick(chosen);
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown' || event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        swallow(event);
        const from = current ?? initialCandidate(document);
        const to = current ? nextCandidate(from, event.key, trail) : from;
        if (event.key === 'ArrowUp' && to !== from) trail.push(from);
        else if (event.key === 'ArrowDown' && to === trail.at(-1)) trail.pop();
        else if (event.key !== 'ArrowUp') trail = [];
        outline(to);
        to.scrollIntoView?.({ block: 'nearest' });
      }
    },
    options,
  );
  view.addEventListener('scroll', () => current && outline(current), { capture: true, passive: true, signal: controller.signal });

  outline(initialCandidate(document));
  return {
    get current() {
      return current;
    },
    stop: finish,
  };
}

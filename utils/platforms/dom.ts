// DOM helpers shared by the adapters and the observer; they work on any document, live or parsed in a test.

// The node's own constants rather than instanceof or the global Node: a node from another realm (a frame,
// a document parsed in Node) fails instanceof, and Node is not a global there.
export function isElement(node: Node): node is Element {
  return node.nodeType === node.ELEMENT_NODE;
}

/**
 * The text a reader sees, line breaks kept: platforms draw emoji (and custom emoji) as <img alt="😀">, which
 * textContent drops.
 */
export function readableText(el: Element): string {
  let text = '';
  el.childNodes.forEach((node) => {
    if (node.nodeType === node.TEXT_NODE) text += node.textContent ?? '';
    else if (!isElement(node)) return;
    else if (node.localName === 'img') text += node.getAttribute('alt') ?? '';
    else if (node.localName === 'br') text += '\n';
    else text += readableText(node);
  });
  return text;
}

/** An attribute's URL made absolute against the page, or undefined when absent or unparsable. */
export function absoluteUrl(value: string | null, base: URL): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

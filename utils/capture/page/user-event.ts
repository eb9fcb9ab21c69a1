// Whether an event on the page came from the person at the keyboard and mouse, not from a page script. A page can
// reach PostProof's controls (their shadow roots are open, DESIGN.md §6) and dispatch clicks, keys and pointer moves
// at them; only the browser's own input events carry `isTrusted`, which no page script can set (it is unforgeable),
// and Playwright's input and a keyboard activation (Enter or Space on a focused button) are such events.

/** True only for an event the browser made from real input; a page's `click()` or `dispatchEvent` is refused. */
export function isUserEvent(event: Event): boolean {
  return event.isTrusted === true;
}

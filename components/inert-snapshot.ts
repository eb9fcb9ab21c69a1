// The copy of a capture's snapshot (post.html) that the viewer and the dashboard's detail show: a picture of the post,
// not a page to use. In that copy nothing can be focused with Tab (else a keyboard user walks through every link of
// the captured post, inside a frame whose keys never reach PostProof's page) and no link can be followed (a click
// would navigate the frame to the platform: a request from the investigator's machine, and the evidence gone from
// view). The link's address stays readable as the element's title. The stored snapshot, the evidence, is unchanged.
// DOMParser builds an inert document: nothing in it runs or loads.

const FOCUSABLE = 'a, area, button, input, select, textarea, summary, iframe, object, embed, audio[controls], video[controls], [tabindex], [contenteditable]';
export const DISPLAY_HREF_ATTRIBUTE = 'data-postproof-href';

export function inertSnapshot(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of doc.querySelectorAll(FOCUSABLE)) {
    element.setAttribute('tabindex', '-1');
    element.removeAttribute('contenteditable');
  }
  for (const link of doc.querySelectorAll('a[href], area[href]')) {
    const href = link.getAttribute('href')!;
    link.setAttribute(DISPLAY_HREF_ATTRIBUTE, href);
    link.removeAttribute('href');
    if (!link.hasAttribute('title')) link.setAttribute('title', href);
  }
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '';
  return doctype + doc.documentElement.outerHTML;
}

// Saves bytes as a file from an extension page: Blob → object URL → <a download> click. Playwright sees this as a
// download event, which chrome.downloads from the service worker would not give.

/** How long the object URL stays alive: the browser reads it after the click, asynchronously. */
const REVOKE_AFTER_MS = 60_000;

export function downloadBytes(bytes: Uint8Array, fileName: string, mediaType = 'application/zip'): void {
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }), fileName);
}

/** Also for Blobs made of stored files (a volume): the browser reads their parts from where it keeps them. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

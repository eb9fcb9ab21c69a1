// A capture's folder as both formats carry it (captures/<id>/ in the bundle, the same paths in a WACZ's WARC records):
// the signed record, its signature and tokens, an imported capture's key, notes and the annotated screenshot copy.

export const CAPTURES_DIR = 'captures';
export const CAPTURE_RECORD_FILE = 'capture.json';
export const CAPTURE_SIGNATURE_FILE = 'capture.json.sig';
export const CAPTURE_NOTES_FILE = 'notes.json';
export const CAPTURE_TIMESTAMP_FILE = 'capture.json.tsr';
/** A capture signed by another install's key (an imported one) carries that key in its folder. */
export const CAPTURE_SIGNER_FILE = 'signer.pem';
/**
 * Made at export, never signed at capture: a copy of the screenshot with a header strip (URL, UTC capture time, TSA
 * time, capture id) above its unchanged pixels. manifest.json `derived[]` says what it was made from and how.
 */
export const CAPTURE_ANNOTATED_SCREENSHOT_SUFFIX = '.annotated.png';

/** `screenshot.png` → `screenshot.annotated.png`: the derived copy's name beside the screenshot it was made from. */
export function annotatedScreenshotName(screenshotPath: string): string {
  return `${screenshotPath.replace(/\.[A-Za-z0-9]+$/, '')}${CAPTURE_ANNOTATED_SCREENSHOT_SUFFIX}`;
}

/** Path of a file inside one capture's folder. */
export function captureFilePath(captureId: string, relativePath: string): string {
  return `${CAPTURES_DIR}/${captureId}/${relativePath}`;
}

/**
 * Name of a capture's n-th RFC 3161 token (0-based, earliest first): `capture.json.tsr`, then
 * `capture.json.<tsaId>.tsr` for each further authority.
 */
export function timestampFileName(n: number, tsaId: string): string {
  return n === 0 ? CAPTURE_TIMESTAMP_FILE : `${CAPTURE_RECORD_FILE}.${tsaId}.tsr`;
}

/** Matches a capture's token files inside its folder. */
export const TIMESTAMP_FILE_PATTERN = /^capture\.json(?:\.[a-z0-9.-]+)?\.tsr$/;

// The evidence bundle's file names and limits, declared once for the writer, the verifier, the report and VERIFY.txt.

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.json.sig';
export const SIGNER_KEY_FILE = 'signer.pem';
export { CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE } from '../../evidence/checksum-checks';
export const VERIFY_GUIDE_FILE = 'VERIFY.txt';
export const REPORT_FILE = 'report.html';
export const CSV_FILE = 'captures.csv';
export const JSONL_FILE = 'captures.jsonl';
export const CUSTODY_FILE = 'custody.jsonl';
export const TSA_DIR = 'tsa';

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

/** Files the manifest cannot list: the manifest itself, its signature, and the signed checksum list that covers both. */
export const FILES_OUTSIDE_MANIFEST: readonly string[] = [MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, 'SHA256SUMS', 'SHA256SUMS.sig'];

/** jszip writes no ZIP64, so a bundle must stay below 4 GiB. */
export { MAX_ZIP_BYTES as MAX_BUNDLE_BYTES } from '../../zip/stored-writer';

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

/** Certificates of one timestamp authority: `tsa/<tsaId>.pem`. */
export function tsaCertificateFile(tsaId: string): string {
  return `${TSA_DIR}/${tsaId}.pem`;
}

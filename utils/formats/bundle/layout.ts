// The evidence bundle's file names and limits, declared once for the writer, the verifier, the report and VERIFY.txt;
// a capture's own folder is named in utils/evidence/capture-layout.ts, which the WACZ shares.

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

export {
  annotatedScreenshotName,
  CAPTURE_ANNOTATED_SCREENSHOT_SUFFIX,
  CAPTURE_NOTES_FILE,
  CAPTURE_RECORD_FILE,
  CAPTURE_SIGNATURE_FILE,
  CAPTURE_SIGNER_FILE,
  CAPTURE_TIMESTAMP_FILE,
  captureFilePath,
  CAPTURES_DIR,
  TIMESTAMP_FILE_PATTERN,
  timestampFileName,
} from '../../evidence/capture-layout';

/** Files the manifest cannot list: the manifest itself, its signature, and the signed checksum list that covers both. */
export const FILES_OUTSIDE_MANIFEST: readonly string[] = [MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, 'SHA256SUMS', 'SHA256SUMS.sig'];

/** The ZIP writer (utils/zip/stored-writer.ts) writes no ZIP64, so a bundle must stay below 4 GiB. */
export { MAX_ZIP_BYTES as MAX_BUNDLE_BYTES } from '../../zip/stored-writer';

/** Certificates of one timestamp authority: `tsa/<tsaId>.pem`. */
export function tsaCertificateFile(tsaId: string): string {
  return `${TSA_DIR}/${tsaId}.pem`;
}

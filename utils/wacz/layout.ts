// The WACZ package's file names, versions and URIs (FORMATS.md §1 and §8), declared once for the writer, the
// verifier and the guide.

export const WACZ_VERSION = '1.1.1';
/** WACZ 1.1.1's profile; the 1.2.0 draft's "wacz" makes ReplayWeb.page 2.5.3 refuse the file (FORMATS.md T6). */
export const WACZ_PROFILE = 'data-package';
export const WACZ_MEDIA_TYPE = 'application/wacz';

/** The WARC's name as the CDXJ `filename` gives it: relative to archive/. */
export const WARC_NAME = 'data.warc';
export const WARC_FILE = `archive/${WARC_NAME}`;
export const INDEX_FILE = 'indexes/index.cdx';
export const PAGES_FILE = 'pages/pages.jsonl';
export const DATAPACKAGE_FILE = 'datapackage.json';
export const DIGEST_FILE = 'datapackage-digest.json';
/** Root sidecars, listed in datapackage.json like every other file (no .cdx/.idx extension: FORMATS.md T9). */
export const GUIDE_FILE = 'VERIFY.txt';
export const KEY_FILE = 'signer.pem';
export const CHECKSUMS_FILE = 'SHA256SUMS';

/** The two root files datapackage.json cannot list (it cannot list itself; the digest covers it). */
export const FILES_OUTSIDE_DATAPACKAGE: readonly string[] = [DATAPACKAGE_FILE, DIGEST_FILE];

/** Line 1 of pages.jsonl: wabac always reads the first line as this header (FORMATS.md T8). */
export const PAGES_HEADER = { format: 'json-pages-1.0', id: 'pages', title: 'All Pages', hasText: true } as const;

/** How a timestamp of datapackage.json is kept in datapackage-digest.json (FORMATS.md §2.5 option A). */
export const DATAPACKAGE_TIMESTAMP_TYPE = 'rfc3161';

const METADATA_PREFIX = 'metadata://postproof/';

/** The metadata record holding a capture's exact capture.json bytes; `file` names a sibling (its .sig, a .tsr). */
export function captureMetadataUri(captureId: string, file?: string): string {
  return `${METADATA_PREFIX}${captureId}${file ? `/${file}` : ''}`;
}

/** The metadata record holding a timestamp authority's certificates, as the bundle's tsa/<id>.pem does. */
export function tsaMetadataUri(tsaId: string): string {
  return `${METADATA_PREFIX}tsa/${tsaId}.pem`;
}

/** A capture artifact with no URL of its own (the screenshot) is stored under this URN. */
export function artifactUrn(captureId: string, path: string): string {
  return `urn:postproof:${captureId}/${path}`;
}

/** Non-standard WARC field naming the artifact's path in capture.json, so the verifier need not guess by URL. */
export const ARTIFACT_PATH_FIELD = 'PostProof-Artifact-Path';
/** wabac's (non-standard) field linking a record to its pages.jsonl entry. */
export const PAGE_ID_FIELD = 'WARC-Page-ID';

// The WACZ package's file names, versions and URIs (FORMATS.md §1 and §8, docs/wacz.md), declared once for the
// writer, the verifier and the guide.

import { CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE } from '../../evidence/checksum-checks';

export { CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE };

export const WACZ_VERSION = '1.1.1';
/** WACZ 1.1.1's profile; the 1.2.0 draft's "wacz" makes ReplayWeb.page 2.5.3 refuse the file (FORMATS.md T6). */
export const WACZ_PROFILE = 'data-package';
export const WACZ_MEDIA_TYPE = 'application/wacz';

/** The WARC's name as the CDXJ `filename` gives it: relative to archive/. */
export const WARC_NAME = 'data.warc';
export const WARC_FILE = `archive/${WARC_NAME}`;
/**
 * The largest archive/data.warc PostProof writes and verifies: the writer builds the WACZ in memory, and the verifier
 * parses the WARC in memory (every other file of any size is only hashed as it streams by).
 */
export const MAX_WARC_BYTES = 2 * 1024 ** 3;
export const INDEX_FILE = 'indexes/index.cdx';
export const PAGES_FILE = 'pages/pages.jsonl';
export const DATAPACKAGE_FILE = 'datapackage.json';
export const DIGEST_FILE = 'datapackage-digest.json';
/** Root sidecars, listed in datapackage.json like every other file (no .cdx/.idx extension: FORMATS.md T9). */
export const GUIDE_FILE = 'VERIFY.txt';
export const KEY_FILE = 'signer.pem';

/** The files datapackage.json lists, in the order they are written. */
export const LISTED_FILES: readonly string[] = [WARC_FILE, INDEX_FILE, PAGES_FILE, GUIDE_FILE, KEY_FILE];
/**
 * Every file of a PostProof WACZ, in ZIP order: the listed ones, datapackage.json, its signed digest (with the
 * package token), then SHA256SUMS over all of them and its signature, which is what binds the token.
 */
export const WACZ_FILES: readonly string[] = [...LISTED_FILES, DATAPACKAGE_FILE, DIGEST_FILE, CHECKSUMS_FILE, CHECKSUMS_SIGNATURE_FILE];

/** Line 1 of pages.jsonl: wabac always reads the first line as this header (FORMATS.md T8). */
export const PAGES_HEADER = { format: 'json-pages-1.0', id: 'pages', title: 'All Pages', hasText: true } as const;

/** How a timestamp of datapackage.json is kept in datapackage-digest.json (FORMATS.md §2.5 option A). */
export const DATAPACKAGE_TIMESTAMP_TYPE = 'rfc3161';

const METADATA_PREFIX = 'metadata://postproof/';

/** The metadata record holding a capture's exact capture.json bytes; `file` names a sibling (its .sig, a .tsr). */
export function captureMetadataUri(captureId: string, file?: string): string {
  return `${METADATA_PREFIX}${captureId}${file ? `/${file}` : ''}`;
}

/** metadata://postproof/<id> (capture.json) and metadata://postproof/<id>/<file> (its signature, tokens, an imported capture's key). */
export const CAPTURE_METADATA_PATTERN = /^metadata:\/\/postproof\/([^/]+)(?:\/(.+))?$/;
export const TSA_METADATA_PATTERN = /^metadata:\/\/postproof\/tsa\/([^/]+)\.pem$/;

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

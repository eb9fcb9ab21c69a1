// S3's XML answers read into plain objects, and the few XML bodies the locker sends. fast-xml-parser because the
// service worker has no DOMParser. Every value stays a string: keys like "0001", "1e5" or "true" are names, not
// numbers or booleans, and values are not trimmed (a key may end in a space).
import { XMLParser } from 'fast-xml-parser';
import type { ListedObject, LockMode, ObjectVersion, UploadedPart } from './s3-api';

/** Elements that S3 repeats: always arrays, even when the answer holds one (or none). */
const REPEATED = new Set([
  'ListBucketResult.Contents',
  'ListBucketResult.CommonPrefixes',
  'ListVersionsResult.Version',
  'ListVersionsResult.DeleteMarker',
  'ListPartsResult.Part',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  removeNSPrefix: true,
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

type Node = Record<string, unknown>;

function parse(xml: string): Node {
  const parsed: unknown = parser.parse(xml);
  return isNode(parsed) ? parsed : {};
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The root element's children; {} when the root is missing or empty (`<ListBucketResult/>` parses to ''). */
function root(xml: string, name: string): Node {
  const node = parse(xml)[name];
  return isNode(node) ? node : {};
}

/** A child's text; '' for absent or empty elements. */
function text(node: Node, name: string): string {
  const value = node[name];
  if (typeof value === 'string') return value;
  // An element with children and whitespace around them (pretty-printed XML) keeps its text in #text.
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return '';
}

function list(node: Node, name: string): Node[] {
  const value = node[name];
  if (Array.isArray(value)) return value.map((item) => (isNode(item) ? item : {}));
  return isNode(value) ? [value] : [];
}

function int(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : 0;
}

function stripQuotes(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

export interface S3ErrorBody {
  code: string;
  message: string;
  requestId: string;
}

/** The `<Error>` body of a failed request; empty strings when the body is not S3 XML (a proxy's HTML page). */
export function readError(xml: string): S3ErrorBody {
  try {
    const error = root(xml, 'Error');
    return { code: text(error, 'Code'), message: text(error, 'Message'), requestId: text(error, 'RequestId') };
  } catch {
    return { code: '', message: '', requestId: '' };
  }
}

export interface ObjectsPage {
  objects: ListedObject[];
  /** Set when the listing continues: the next page's continuation-token. */
  nextToken?: string;
}

/** ListObjectsV2. */
export function readObjectsPage(xml: string): ObjectsPage {
  const result = root(xml, 'ListBucketResult');
  const objects = list(result, 'Contents').map((item) => ({
    key: text(item, 'Key'),
    bytes: int(text(item, 'Size')),
    etag: stripQuotes(text(item, 'ETag')),
    lastModified: text(item, 'LastModified'),
  }));
  const token = text(result, 'NextContinuationToken');
  return text(result, 'IsTruncated') === 'true' && token ? { objects, nextToken: token } : { objects };
}

export interface VersionsPage {
  versions: ObjectVersion[];
  /** Set when the listing continues: the next page's key-marker and version-id-marker. */
  next?: { keyMarker: string; versionIdMarker: string };
}

/**
 * ListObjectVersions. The parser groups <Version> and <DeleteMarker> apart, so the page is put back in S3's order
 * (key ascending, newest first within a key) by a stable sort on the key, latest first.
 */
export function readVersionsPage(xml: string): VersionsPage {
  const result = root(xml, 'ListVersionsResult');
  const read = (item: Node, deleteMarker: boolean): ObjectVersion => ({
    key: text(item, 'Key'),
    versionId: text(item, 'VersionId'),
    isLatest: text(item, 'IsLatest') === 'true',
    deleteMarker,
    bytes: deleteMarker ? 0 : int(text(item, 'Size')),
    etag: deleteMarker ? '' : stripQuotes(text(item, 'ETag')),
    lastModified: text(item, 'LastModified'),
  });
  const versions = [
    ...list(result, 'Version').map((item) => read(item, false)),
    ...list(result, 'DeleteMarker').map((item) => read(item, true)),
  ].sort(
    (a, b) =>
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      Number(b.isLatest) - Number(a.isLatest) ||
      (a.lastModified < b.lastModified ? 1 : a.lastModified > b.lastModified ? -1 : 0),
  );
  if (text(result, 'IsTruncated') !== 'true') return { versions };
  return {
    versions,
    next: { keyMarker: text(result, 'NextKeyMarker'), versionIdMarker: text(result, 'NextVersionIdMarker') },
  };
}

/** InitiateMultipartUploadResult: the upload id. */
export function readUploadId(xml: string): string {
  return text(root(xml, 'InitiateMultipartUploadResult'), 'UploadId');
}

export interface PartsPage {
  parts: UploadedPart[];
  /** Set when the listing continues: the next page's part-number-marker. */
  nextMarker?: string;
}

/** ListPartsResult. */
export function readPartsPage(xml: string): PartsPage {
  const result = root(xml, 'ListPartsResult');
  const parts = list(result, 'Part').map((item) => ({
    partNumber: int(text(item, 'PartNumber')),
    etag: stripQuotes(text(item, 'ETag')),
    bytes: int(text(item, 'Size')),
  }));
  const marker = text(result, 'NextPartNumberMarker');
  return text(result, 'IsTruncated') === 'true' && marker ? { parts, nextMarker: marker } : { parts };
}

/** CompleteMultipartUploadResult: the whole object's ETag (S3 may also answer 200 with an <Error> inside). */
export function readCompleteEtag(xml: string): string {
  return stripQuotes(text(root(xml, 'CompleteMultipartUploadResult'), 'ETag'));
}

/** VersioningConfiguration: 'Off' when the bucket never had versioning (no <Status>). */
export function readVersioning(xml: string): 'Enabled' | 'Suspended' | 'Off' {
  const status = text(root(xml, 'VersioningConfiguration'), 'Status');
  return status === 'Enabled' || status === 'Suspended' ? status : 'Off';
}

export interface ObjectLockConfig {
  enabled: boolean;
  defaultMode?: LockMode;
  defaultDays?: number;
}

/** ObjectLockConfiguration, with the bucket's default retention when it has one (in days; years become days). */
export function readObjectLock(xml: string): ObjectLockConfig {
  const config = root(xml, 'ObjectLockConfiguration');
  const enabled = text(config, 'ObjectLockEnabled') === 'Enabled';
  const rule = config['Rule'];
  const retention = isNode(rule) ? rule['DefaultRetention'] : undefined;
  if (!enabled || !isNode(retention)) return { enabled };
  const mode = text(retention, 'Mode');
  const days = text(retention, 'Days') ? int(text(retention, 'Days')) : int(text(retention, 'Years')) * 365;
  return {
    enabled,
    ...(mode === 'COMPLIANCE' || mode === 'GOVERNANCE' ? { defaultMode: mode } : {}),
    ...(days > 0 ? { defaultDays: days } : {}),
  };
}

/** Text escaped for an XML element. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** CompleteMultipartUpload's body: the parts in ascending order, ETags quoted as S3 gave them. */
export function completeUploadXml(parts: readonly UploadedPart[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const items = sorted
    .map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>"${escapeXml(part.etag)}"</ETag></Part>`)
    .join('');
  return `<CompleteMultipartUpload xmlns="${XMLNS}">${items}</CompleteMultipartUpload>`;
}

/** PutObjectRetention's body. */
export function retentionXml(lock: { mode: LockMode; retainUntil: string }): string {
  return `<Retention xmlns="${XMLNS}"><Mode>${lock.mode}</Mode><RetainUntilDate>${escapeXml(lock.retainUntil)}</RetainUntilDate></Retention>`;
}

/** PutObjectLegalHold's body. */
export function legalHoldXml(on: boolean): string {
  return `<LegalHold xmlns="${XMLNS}"><Status>${on ? 'ON' : 'OFF'}</Status></LegalHold>`;
}

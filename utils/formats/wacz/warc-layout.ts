// Every kind of record a PostProof WARC holds, and how each one's header reads: the writer writes records from these,
// and the verifier makes each record's header again from the signed capture records and requires the same bytes, so
// a record holds nothing the signatures do not account for (another Content-Type, a field that changes replay).

import type { ArtifactEntry } from '../../model';
import { CAPTURE_SIGNATURE_FILE, CAPTURE_SIGNER_FILE } from '../../evidence/capture-layout';
import { utf8 } from '../../provenance/hash';
import { ARTIFACT_PATH_FIELD, captureMetadataUri, PAGE_ID_FIELD, tsaMetadataUri, WARC_NAME } from './layout';
import { HTTP_RESPONSE_CONTENT_TYPE } from './witness-response';
import type { WarcRecordInput } from './warc-record';

export type RecordHead = Omit<WarcRecordInput, 'block'>;

export const WARCINFO_CONTENT_TYPE = 'application/warc-fields';
export const CAPTURE_RECORD_CONTENT_TYPE = 'application/json';
export const PEM_CONTENT_TYPE = 'application/x-pem-file';

/** warcinfo's block (application/warc-fields): made from the software name alone. */
export function warcinfoBlock(software: string): Uint8Array {
  const fields = [
    ['software', software],
    ['format', 'WARC File Format 1.1'],
    ['conformsTo', 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
    ['description', 'Social-media posts preserved as evidence by PostProof. Each capture has a metadata record (metadata://postproof/<id>) with its signed capture.json.'],
  ];
  // A line break in the software name would forge a field.
  return utf8(fields.map(([name, value]) => `${name}: ${value!.replace(/[\r\n]/g, ' ')}\r\n`).join(''));
}

/** The first record: dated with the package's `created`. */
export function warcinfoHead(recordId: string, created: string): RecordHead {
  return { type: 'warcinfo', recordId, date: created, contentType: WARCINFO_CONTENT_TYPE, fields: [['WARC-Filename', WARC_NAME]] };
}

/** One artifact of a capture (not a witness response), at the target URI the rule gives (capture-targets.ts), dated with the capture. */
export function artifactHead(recordId: string, capture: { id: string; capturedAt: string }, artifact: Pick<ArtifactEntry, 'path' | 'mediaType'>, targetUri: string): RecordHead {
  return {
    type: 'resource',
    recordId,
    date: capture.capturedAt,
    targetUri,
    contentType: artifact.mediaType,
    fields: [
      [PAGE_ID_FIELD, capture.id],
      [ARTIFACT_PATH_FIELD, artifact.path],
    ],
  };
}

/**
 * A second-witness artifact as the platform's answer (witness-response.ts): a response record at the URL that answered
 * (the target the rule gives), dated with the capture like its other files, WARC-Payload-Digest the signed hash of
 * the body.
 */
export function witnessHead(recordId: string, capture: { id: string; capturedAt: string }, artifact: Pick<ArtifactEntry, 'path' | 'sha256'>, targetUri: string): RecordHead {
  return {
    type: 'response',
    recordId,
    date: capture.capturedAt,
    targetUri,
    contentType: HTTP_RESPONSE_CONTENT_TYPE,
    fields: [
      [PAGE_ID_FIELD, capture.id],
      [ARTIFACT_PATH_FIELD, artifact.path],
    ],
    payloadDigest: `sha256:${artifact.sha256}`,
  };
}

/** The capture's exact capture.json bytes, at metadata://postproof/<id>. */
export function captureRecordHead(recordId: string, capture: { id: string; capturedAt: string }): RecordHead {
  return { type: 'metadata', recordId, date: capture.capturedAt, targetUri: captureMetadataUri(capture.id), contentType: CAPTURE_RECORD_CONTENT_TYPE, fields: [[PAGE_ID_FIELD, capture.id]] };
}

/** What a sidecar of a capture record is: its signature, a token, or an imported capture's own key. */
export function sidecarContentType(file: string): string {
  if (file === CAPTURE_SIGNATURE_FILE) return 'application/octet-stream';
  if (file === CAPTURE_SIGNER_FILE) return PEM_CONTENT_TYPE;
  return 'application/timestamp-reply';
}

/** A sidecar (capture.json.sig, a .tsr, signer.pem) at metadata://postproof/<id>/<file>, referring to the capture.json record. */
export function sidecarHead(recordId: string, capture: { id: string; capturedAt: string }, file: string, captureRecordId: string): RecordHead {
  return {
    type: 'metadata',
    recordId,
    date: capture.capturedAt,
    targetUri: captureMetadataUri(capture.id, file),
    contentType: sidecarContentType(file),
    fields: [
      [PAGE_ID_FIELD, capture.id],
      ['WARC-Refers-To', `<${captureRecordId}>`],
    ],
  };
}

/** A timestamp authority's certificates (chain links for the tokens, never a trust anchor), dated with the package. */
export function tsaHead(recordId: string, tsaId: string, created: string): RecordHead {
  return { type: 'metadata', recordId, date: created, targetUri: tsaMetadataUri(tsaId), contentType: PEM_CONTENT_TYPE };
}

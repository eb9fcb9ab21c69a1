// The author's identity as the Bluesky witness reads it: which DID, where its DID document lives, and what the
// document says (signing key, PDS, claimed handle). Pure over the kept JSON.
//
// From the AT Protocol specs (read for this file):
//  - https://atproto.com/specs/did — the blessed methods are did:plc and hostname-level did:web (the document at
//    https://<host>/.well-known/did.json); the signing key is the `verificationMethod` whose id ends in `#atproto`,
//    a `Multikey` with `publicKeyMultibase`; the PDS is the `service` with id ending `#atproto_pds` and type
//    `AtprotoPersonalDataServer`; the handle is the `at://` entry of `alsoKnownAs`, and counts only when the handle
//    resolves back to the DID (https://atproto.com/specs/handle).
//  - https://web.plc.directory/spec/v0.1/did-plc — `GET https://plc.directory/<did>` serves the current document;
//    a DID the directory never registered answers 404, a tombstoned (deleted) one 410.
//  - https://atproto.com/specs/cryptography — keys are P-256 or secp256k1, in multikey form (did:key without
//    the `did:key:` prefix).
import { isObject } from './common';

const DID_PLC = /^did:plc:[a-z2-7]{24}$/;
// Hostname-level did:web only (the spec does not support path-based did:web in atproto); a port is %3A-encoded.
const DID_WEB = /^did:web:([a-z0-9.-]+(?:%3[aA]\d+)?)$/;
const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isAtprotoDid(value: string | undefined): value is string {
  return value !== undefined && (DID_PLC.test(value) || DID_WEB.test(value));
}

export function isHandle(value: string | undefined): value is string {
  return value !== undefined && value.length <= 253 && HANDLE.test(value.toLowerCase());
}

/** Where the DID document is published: plc.directory for did:plc, the host's well-known path for did:web. */
export function didDocumentUrl(did: string): string | undefined {
  if (DID_PLC.test(did)) return `https://plc.directory/${did}`;
  const web = DID_WEB.exec(did)?.[1];
  return web ? `https://${decodeURIComponent(web)}/.well-known/did.json` : undefined;
}

/** What a DID document says, as far as the witness uses it. */
export interface DidDocumentClaims {
  /** The document's own `id`. */
  id: string;
  /** The `#atproto` verification method, when present with a multibase key. */
  signingKey?: { type: string; publicKeyMultibase: string };
  /** The `#atproto_pds` service endpoint, when present. */
  pds?: string;
  /** The handle the document claims (`alsoKnownAs: ["at://<handle>"]`), lower-cased; absent when none is valid. */
  handle?: string;
}

/** Reads a DID document from its kept bytes; a string saying what is wrong when it is not one. */
export function readDidDocument(body: Uint8Array): DidDocumentClaims | string {
  const json = parseJson(body);
  if (!isObject(json) || typeof json.id !== 'string') return 'the DID document is not a JSON object with an id';
  const id = json.id;
  const method = entries(json.verificationMethod).find((entry) => fragmentOf(entry.id, id) === 'atproto');
  const service = entries(json.service).find(
    (entry) => fragmentOf(entry.id, id) === 'atproto_pds' && entry.type === 'AtprotoPersonalDataServer',
  );
  const aliases: unknown[] = Array.isArray(json.alsoKnownAs) ? json.alsoKnownAs : [];
  const handle = aliases
    .map((alias) => (typeof alias === 'string' && alias.startsWith('at://') ? alias.slice(5).toLowerCase() : undefined))
    .find(isHandle);
  return {
    id,
    ...(method && typeof method.type === 'string' && typeof method.publicKeyMultibase === 'string'
      ? { signingKey: { type: method.type, publicKeyMultibase: method.publicKeyMultibase } }
      : {}),
    ...(service && typeof service.serviceEndpoint === 'string' ? { pds: service.serviceEndpoint } : {}),
    ...(handle ? { handle } : {}),
  };
}

/** The DID a `com.atproto.identity.resolveHandle` answer names (`{"did": "..."}`). */
export function readResolvedDid(body: Uint8Array): string | undefined {
  const json = parseJson(body);
  return isObject(json) && typeof json.did === 'string' && isAtprotoDid(json.did) ? json.did : undefined;
}

/** The origin of a PDS endpoint, when it is an https URL (the spec: scheme, host and optional port only). */
export function pdsOrigin(endpoint: string): URL | undefined {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' && !url.username && !url.password ? new URL(url.origin) : undefined;
  } catch {
    return undefined;
  }
}

export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
  } catch {
    return undefined;
  }
}


/** `#atproto` and `<did>#atproto` name the same entry; an entry of another DID does not count. */
function fragmentOf(entryId: unknown, did: string): string | undefined {
  if (typeof entryId !== 'string') return undefined;
  if (entryId.startsWith('#')) return entryId.slice(1);
  return entryId.startsWith(`${did}#`) ? entryId.slice(did.length + 1) : undefined;
}

function entries(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

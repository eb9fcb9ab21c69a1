// datapackage.json and datapackage-digest.json (FORMATS.md §1.2, §1.4, §2): the package's file list, its SHA-256,
// the anonymous-mode signature (ECDSA P-384/SHA-256 over the UTF-8 `hash` string, raw r‖s in base64, SPKI in
// base64) and, as an extension key, an RFC 3161 token over SHA-256(datapackage.json) (§2.5 option A). The token sits
// outside the anonymous signature; SHA256SUMS, signed by the same key, lists datapackage-digest.json and binds it.

import type { BundleSigner } from '../../evidence/capture-source';
import { derToP1363, importPublicKeySpki, keyIdFromSpki, p1363ToDer, verifyDer } from '../../provenance/ecdsa';
import { fromBase64, sha256Hex, toBase64, utf8 } from '../../provenance/hash';
import { DATAPACKAGE_FILE, DATAPACKAGE_TIMESTAMP_TYPE, WACZ_PROFILE, WACZ_VERSION } from './layout';
import { packageWords, type PageFields } from './pages';

export interface DatapackageResource {
  name: string;
  path: string;
  /** `sha256:<hex>` of the file's bytes. */
  hash: string;
  bytes: number;
}

export interface Datapackage {
  profile: typeof WACZ_PROFILE;
  wacz_version: typeof WACZ_VERSION;
  title: string;
  description: string;
  /** `Date.toISOString()`, byte-identical to signedData.created (py-wacz compares them as strings). */
  created: string;
  modified: string;
  software: string;
  resources: DatapackageResource[];
}

/** The anonymous signature shape of wacz-auth 0.1.0, as ArchiveWeb.page writes it (no extra keys allowed). */
export interface AnonymousSignedData {
  hash: string;
  created: string;
  software: string;
  /** Base64 of the raw P1363 r‖s (96 bytes for P-384). */
  signature: string;
  /** Base64 of the SPKI DER. */
  publicKey: string;
}

export interface DatapackageTimestamp {
  type: typeof DATAPACKAGE_TIMESTAMP_TYPE;
  /** The file whose SHA-256 the token's imprint is. */
  imprint: typeof DATAPACKAGE_FILE;
  /** Base64 of the full DER TimeStampResp. */
  tsr: string;
  /** PEM certificates the authority's tokens carried (the bundle's tsa/<id>.pem). */
  tsaChain: string;
  tsa: string;
  tsaUrl: string;
}

export interface DatapackageDigest {
  path: typeof DATAPACKAGE_FILE;
  hash: string;
  signedData: AnonymousSignedData;
  timestamp?: DatapackageTimestamp;
}

export async function datapackageResource(path: string, data: Uint8Array): Promise<DatapackageResource> {
  return { name: path.slice(path.lastIndexOf('/') + 1), path, hash: `sha256:${await sha256Hex(data)}`, bytes: data.length };
}

/** The one serialization (ArchiveWeb.page's and py-wacz's): these exact bytes are hashed and signed. */
export function serializeJson(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value, null, 2));
}

/** datapackage.json for these files and captures (in WACZ order): the writer's, and the verifier's to compare. */
export function makeDatapackage(meta: { created: string; software: string }, resources: DatapackageResource[], captures: readonly PageFields[]): Datapackage {
  const { title, description } = packageWords(captures);
  return { profile: WACZ_PROFILE, wacz_version: WACZ_VERSION, title, description, created: meta.created, modified: meta.created, software: meta.software, resources };
}

/** Signs datapackage.json's hash string in the anonymous mode with the install key. */
export async function signDatapackage(
  datapackageBytes: Uint8Array,
  meta: { created: string; software: string },
  signer: BundleSigner,
): Promise<DatapackageDigest> {
  const hash = `sha256:${await sha256Hex(datapackageBytes)}`;
  // The install key signs to DER (what openssl reads); WACZ wants WebCrypto's raw r‖s (FORMATS.md T3).
  const signature = derToP1363(await signer.sign(utf8(hash)));
  return {
    path: DATAPACKAGE_FILE,
    hash,
    signedData: { hash, created: meta.created, software: meta.software, signature: toBase64(signature), publicKey: toBase64(signer.publicKeySpki) },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HASH = /^sha256:[0-9a-f]{64}$/;
const SIGNED_KEYS = ['hash', 'created', 'software', 'signature', 'publicKey'] as const;
const TIMESTAMP_KEYS = ['type', 'imprint', 'tsr', 'tsaChain', 'tsa', 'tsaUrl'] as const;

function isResource(value: unknown): value is DatapackageResource {
  return isObject(value) && typeof value.path === 'string' && typeof value.hash === 'string' && HASH.test(value.hash) && Number.isSafeInteger(value.bytes) && (value.bytes as number) >= 0;
}

/** Why `value` is not a WACZ 1.1.1 datapackage.json, or null. */
export function datapackageProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.profile !== WACZ_PROFILE) return `its profile is ${JSON.stringify(value.profile)}, not "${WACZ_PROFILE}"`;
  if (value.wacz_version !== WACZ_VERSION) return `its wacz_version is ${JSON.stringify(value.wacz_version)}, not "${WACZ_VERSION}"`;
  if (!Array.isArray(value.resources) || !value.resources.every(isResource)) return 'its list of resources is missing or damaged';
  for (const key of ['title', 'description', 'created', 'modified', 'software'] as const) if (typeof value[key] !== 'string') return `its ${key} is missing`;
  if (Number.isNaN(Date.parse(value.created as string))) return `its created time ${JSON.stringify(value.created)} is not a time`;
  return null;
}

const sameKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).length === keys.length && keys.every((key) => key in value);

/** Why `value` is not a signed datapackage-digest.json as PostProof writes it, or null. */
export function digestProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.path !== DATAPACKAGE_FILE) return `it covers ${JSON.stringify(value.path)}, not ${DATAPACKAGE_FILE}`;
  if (typeof value.hash !== 'string' || !HASH.test(value.hash)) return 'its hash is missing or not sha256:<hex>';
  const signed = value.signedData;
  if (!isObject(signed)) return 'it carries no signature (signedData)';
  for (const key of SIGNED_KEYS) {
    if (typeof signed[key] !== 'string') return `its signedData has no ${key}`;
  }
  if (!sameKeys(signed, SIGNED_KEYS)) return 'its signedData holds other keys than the anonymous signature has';
  if (!sameKeys(value, value.timestamp === undefined ? ['path', 'hash', 'signedData'] : ['path', 'hash', 'signedData', 'timestamp'])) return 'it holds other keys than PostProof writes';
  if (value.timestamp !== undefined) {
    const t = value.timestamp;
    if (!isObject(t) || t.type !== DATAPACKAGE_TIMESTAMP_TYPE || t.imprint !== DATAPACKAGE_FILE || !TIMESTAMP_KEYS.every((key) => typeof t[key] === 'string') || !sameKeys(t, TIMESTAMP_KEYS)) {
      return 'its timestamp entry is damaged';
    }
  }
  return null;
}

export interface SignatureCheck {
  ok: boolean;
  /** Set when the public key could be read. */
  key?: CryptoKey;
  /** SHA-256 of the SPKI: equal to signer.pem's fingerprint exactly when both hold the same key. */
  keyId?: string;
  problem?: string;
}

/** The anonymous signature as wabac checks it, but with a verdict: P1363 → DER, then the same ECDSA check as openssl. */
export async function verifyAnonymousSignature(signed: AnonymousSignedData): Promise<SignatureCheck> {
  const spki = fromBase64(signed.publicKey);
  const raw = fromBase64(signed.signature);
  if (!spki) return { ok: false, problem: 'the public key is not base64' };
  let key: CryptoKey;
  try {
    key = await importPublicKeySpki(spki);
  } catch {
    return { ok: false, problem: 'the public key is not an ECDSA P-384 key (ReplayWeb.page would show no key either)' };
  }
  const keyId = await keyIdFromSpki(spki);
  if (!raw || raw.length !== 96) return { ok: false, key, keyId, problem: 'the signature is not 96 bytes of base64 (raw P-384 r‖s)' };
  const ok = await verifyDer(key, utf8(signed.hash), p1363ToDer(raw));
  return { ok, key, keyId, ...(ok ? {} : { problem: 'the signature does not match the hash it signs, or was made by another key' }) };
}

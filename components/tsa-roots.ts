// The timestamp roots a person chose on verify.html ("Trust this authority's root"), kept in storage.local
// (`trustedTsaRoots`) as PEM with the subject and SHA-256 shown beside it, and passed to every verification as
// `tsaRoots`. Only a self-signed CA root is taken (userTrustAnchors says why another is not); the preset authorities'
// roots are pinned in the code already, and a root shipped inside a bundle is never one of these.
import { sha256Hex, toBase64 } from '../utils/provenance/hash';
import { parseCertificate, pemCertificates, subjectName, userTrustAnchors } from '../utils/provenance/tsa-token';
import { errorMessage } from '../utils/error-message';

export const TRUSTED_TSA_ROOTS_KEY = 'trustedTsaRoots';

export interface TrustedTsaRoot {
  /** One CERTIFICATE block. */
  pem: string;
  /** "CN=…, O=…" of the certificate. */
  subject: string;
  /** SHA-256 of the DER, lowercase hex: what `openssl x509 -outform DER | sha256sum` prints. */
  sha256: string;
}

interface RootStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function certificatePem(der: Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The DER of a stored root, or null when its text is damaged. */
export function rootDer(root: TrustedTsaRoot): Uint8Array | null {
  try {
    return pemCertificates(root.pem)[0] ?? null;
  } catch {
    return null;
  }
}

/** The stored roots whose PEM still reads and still hashes to the SHA-256 shown (a changed entry is dropped). */
export async function readTrustedTsaRoots(storage: RootStorage): Promise<TrustedTsaRoot[]> {
  const value = (await storage.get(TRUSTED_TSA_ROOTS_KEY))[TRUSTED_TSA_ROOTS_KEY];
  if (!Array.isArray(value)) return [];
  const roots: TrustedTsaRoot[] = [];
  for (const item of value as unknown[]) {
    const { pem, subject, sha256 } = (item ?? {}) as Record<string, unknown>;
    if (typeof pem !== 'string' || typeof subject !== 'string' || typeof sha256 !== 'string') continue;
    const der = rootDer({ pem, subject, sha256 });
    if (der && (await sha256Hex(der)) === sha256 && !roots.some((r) => r.sha256 === sha256)) roots.push({ pem, subject, sha256 });
  }
  return roots;
}

export async function writeTrustedTsaRoots(storage: RootStorage, roots: readonly TrustedTsaRoot[]): Promise<void> {
  await storage.set({ [TRUSTED_TSA_ROOTS_KEY]: roots.map(({ pem, subject, sha256 }) => ({ pem, subject, sha256 })) });
}

/** Why a chosen file was not taken: no certificate in it, or (with the verifier's own sentence) not a root. */
export type RootRefusal = { refused: 'no-certificate' } | { refused: 'not-root'; detail: string };

/** The certificates of a chosen file (PEM, or one DER certificate), each a root, or why not. Never throws. */
export async function rootsFromFile(bytes: Uint8Array): Promise<{ roots: TrustedTsaRoot[] } | RootRefusal> {
  let ders: Uint8Array[];
  try {
    const text = new TextDecoder('latin1').decode(bytes);
    ders = text.includes('-----BEGIN CERTIFICATE-----') ? pemCertificates(text) : bytes[0] === 0x30 ? [bytes] : [];
  } catch {
    return { refused: 'no-certificate' };
  }
  if (ders.length === 0) return { refused: 'no-certificate' };
  try {
    userTrustAnchors(ders);
  } catch (error) {
    return { refused: 'not-root', detail: errorMessage(error) };
  }
  const roots: TrustedTsaRoot[] = [];
  for (const der of ders) {
    roots.push({ pem: certificatePem(der), subject: subjectName(parseCertificate(der)), sha256: await sha256Hex(der) });
  }
  return { roots };
}

/** `roots` added to `list`, leaving out those already on it (by SHA-256). */
export function addRoots(list: readonly TrustedTsaRoot[], roots: readonly TrustedTsaRoot[]): { list: TrustedTsaRoot[]; added: TrustedTsaRoot[] } {
  const added = roots.filter((root, index) => !list.some((known) => known.sha256 === root.sha256) && roots.findIndex((r) => r.sha256 === root.sha256) === index);
  return { list: [...list, ...added], added };
}

/** What a verification is given as `tsaRoots`. */
export function rootDers(list: readonly TrustedTsaRoot[]): Uint8Array[] {
  return list.map(rootDer).filter((der): der is Uint8Array => der !== null);
}

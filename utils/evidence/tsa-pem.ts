// A timestamp authority's certificates as an evidence file carries them (the bundle's tsa/<id>.pem, a WACZ's
// metadata record): a comment naming the authority, then each certificate under its SHA-256 fingerprint, with the
// pinned root its tokens reach appended when they leave it out. Both writers make it here and both verifiers require
// exactly this form, so every fingerprint a person reads in it is the fingerprint of the certificate below it.
// Chain links only: never a trust anchor.

import { sha256Hex, toBase64 } from '../provenance/hash';
import { pinnedRootDer, type PinnedRoot } from '../provenance/tsa-roots';
import { pemCertificates } from '../provenance/tsa-token';

/** An authority's name, address and the certificates its tokens carried (the store's tsaChains row). */
export interface TsaChain {
  name: string;
  url: string;
  certificates: Uint8Array[];
}

/** What authorityPems needs of each exported capture: its tokens' authorities, and the pinned roots they reach. */
interface StampedCapture {
  summary: { timestamps: readonly { tsaId: string }[] };
  pinnedRoots: ReadonlyMap<string, PinnedRoot>;
}

const FIRST_LINE = /^# Certificates of the timestamp authority (.*) \(([^()\n]*)\), as its tokens carried them\.\n/;

/** PEM of a TSA's certificates, each headed by the SHA-256 fingerprint `openssl x509 -fingerprint -sha256` prints. */
export async function tsaPem(chain: TsaChain): Promise<string> {
  const blocks = [`# Certificates of the timestamp authority ${chain.name} (${chain.url}), as its tokens carried them.\n`];
  for (const der of chain.certificates) {
    const fingerprint = (await sha256Hex(der)).toUpperCase().match(/../g)!.join(':');
    const body = toBase64(der).match(/.{1,64}/g)!.join('\n');
    blocks.push(`# SHA-256 fingerprint: ${fingerprint}\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);
  }
  return blocks.join('');
}

/** Whether `text` is exactly the PEM tsaPem makes for the certificates it holds (name and URL read from its first line). */
export async function isTsaPem(text: string, name?: string, url?: string): Promise<boolean> {
  const first = FIRST_LINE.exec(text);
  if (!first) return false;
  try {
    return (await tsaPem({ name: name ?? first[1]!, url: url ?? first[2]!, certificates: pemCertificates(text) })) === text;
  } catch {
    return false;
  }
}

/**
 * The PEM text of every authority that stamped one of these captures, by tsaId: the certificates its tokens carried,
 * and the pinned root they reach when those leave it out, so the chain can be followed from the file alone.
 */
export async function authorityPems(collected: readonly StampedCapture[], chains: ReadonlyMap<string, TsaChain> | undefined): Promise<Map<string, string>> {
  const ids = [...new Set(collected.flatMap((c) => c.summary.timestamps.map((t) => t.tsaId)))].sort();
  const pinned = new Map(collected.flatMap((c) => [...c.pinnedRoots]));
  const pems = new Map<string, string>();
  for (const id of ids) {
    const chain = chains?.get(id) ?? { name: id, url: '', certificates: [] };
    const root = pinned.get(id);
    const have = await Promise.all(chain.certificates.map(sha256Hex));
    const certificates = root && !have.includes(root.sha256) ? [...chain.certificates, pinnedRootDer(root)] : chain.certificates;
    if (certificates.length > 0) pems.set(id, await tsaPem({ ...chain, certificates }));
  }
  return pems;
}

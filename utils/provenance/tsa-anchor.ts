// Trusted time anchored outside the bundle (DESIGN.md §5). A token's chain is built from its signer up, with the
// certificates the token carries and those shipped beside it (the bundle's tsa/*.pem: candidates, never trusted),
// every link's signature checked and every certificate valid at the token's time. The time is trusted only when the
// chain reaches a root the verifier knows (pinned in tsa-roots.ts) or the user gave (--tsa-ca, a root chosen in
// verify.html). A chain that holds but ends in another root is not an error: it is "time not anchored".

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256Hex } from './hash';
import { PINNED_TSA_ROOTS, pinnedTrustAnchors, type PinnedRoot, type TrustAnchor } from './tsa-roots';
import { certificateDer, isSelfSigned, nameText, strictCertificate, subjectName } from './tsa-certificates';
import { TimestampError } from './tsa-error';
import { verifyTokenSignature, type SignedToken, type TimestampInfo } from './tsa-signature';

/** A self-signed certificate at the top of a chain. */
export interface ChainRoot {
  /** SHA-256 of its DER, lowercase hex. */
  sha256: string;
  /** "CN=…, O=…". */
  subject: string;
}

export interface AnchoredToken {
  /** As checkTimestampResponse returns it, with the certificates the token itself carries. */
  info: TimestampInfo;
  /** The top of the chain the token's signer leads to (token certificates, candidates and anchors), or null when the chain stops at an issuer that is not present. */
  chainRoot: ChainRoot | null;
  /** The trust anchor the chain validates to (signature by signature, at the token's genTime), or null: "time not anchored". */
  anchor: { kind: 'pinned' | 'user'; label: string; sha256: string } | null;
}

/** What the exporter writes about a token's chain, trust left undecided. */
export interface TokenChain {
  genTime: string;
  signer: string;
  chainRoot: ChainRoot | null;
  /** The pinned root the chain reaches, whose DER the exporter appends to the shipped chain. */
  pinnedRoot?: PinnedRoot;
}

const BASIC_CONSTRAINTS_OID = '2.5.29.19';
const KEY_USAGE_OID = '2.5.29.15';
/** keyCertSign, bit 5 of KeyUsage: 0x04 in the first byte. */
const KEY_CERT_SIGN = 0x04;
/** Public TSA chains are 3 or 4 certificates long; more is a bundle trying something. */
const MAX_CHAIN = 8;
/** Signature checks one chain may cost: a bundle could ship a mesh of same-named certificates cross-signing each other. */
const MAX_SIGNATURE_CHECKS = 64;

/**
 * Roots the user gives (--tsa-ca, verify.html) as trust anchors. Throws an Error saying what is wrong with a certificate
 * that is not a self-signed CA certificate in DER: only a root can anchor time (as with `openssl ts -verify -CAfile`).
 */
export function userTrustAnchors(ders: readonly Uint8Array[], label = 'your root'): TrustAnchor[] {
  return ders.map((der) => {
    const certificate = strictCertificate(der);
    if (!certificate) throw new Error('The root given is not a certificate in DER (or PEM) encoding.');
    if (!isSelfSigned(certificate)) {
      throw new Error(`${subjectName(certificate)} is not a root: it is issued by ${nameText(certificate.issuer)}. Give the authority's self-signed root.`);
    }
    if (caProblem(certificate, 0)) throw new Error(`${subjectName(certificate)} is not a CA certificate, so it cannot anchor a timestamp.`);
    return { der, kind: 'user', label };
  });
}

/**
 * Checks a TimeStampResp against the document and anchors its time. Throws a TimestampError as checkTimestampResponse
 * does (malformed token, wrong imprint, bad signature, no timeStamping usage) and TSA_UNTRUSTED_CHAIN for a broken
 * chain: a certificate whose signature no certificate of its issuer's name verifies, one not valid at the token's time,
 * or an issuer that may not issue certificates. A chain that holds but reaches no anchor returns `anchor: null` with
 * the root it reached. `candidates` only help build the chain; an anchor that is not self-signed is used as a
 * candidate only (userTrustAnchors refuses such a certificate).
 */
export async function anchorTimestamp(
  tsr: Uint8Array,
  check: { sha256: string; data: Uint8Array; candidates: readonly Uint8Array[]; anchors: readonly TrustAnchor[] },
): Promise<AnchoredToken> {
  if ((await sha256Hex(check.data)) !== check.sha256) throw new Error('anchorTimestamp: sha256 is not the SHA-256 of data.');
  const signed = await verifyTokenSignature(tsr, { sha256: check.sha256, data: check.data, extraCertificates: check.candidates });
  const { top, anchor } = await chainOf(signed, check.candidates, check.anchors);
  return {
    info: signed.info,
    chainRoot: top && { sha256: top.sha256, subject: subjectName(top.certificate) },
    anchor: anchor?.anchor ? { kind: anchor.anchor.kind, label: anchor.anchor.label, sha256: anchor.sha256 } : null,
  };
}

/**
 * For export: the token's time, signer and the root its chain reaches through its own certificates, `candidates` and
 * the pinned roots, and which pinned root that is. The token's signature and the chain's links are checked (a
 * TimestampError as in anchorTimestamp otherwise); the document is not, and trust is not decided.
 */
export async function tokenChainRoot(
  tsr: Uint8Array,
  candidates: readonly Uint8Array[],
  pinned: readonly PinnedRoot[] = PINNED_TSA_ROOTS,
): Promise<TokenChain> {
  const signed = await verifyTokenSignature(tsr, { extraCertificates: candidates });
  const anchors = pinnedTrustAnchors(pinned);
  const { top, anchor } = await chainOf(signed, candidates, anchors);
  const pinnedRoot = anchor ? pinned.find((root) => root.sha256 === anchor.sha256) : undefined;
  return {
    genTime: signed.info.genTime,
    signer: signed.info.signer,
    chainRoot: top && { sha256: top.sha256, subject: subjectName(top.certificate) },
    ...(pinnedRoot ? { pinnedRoot } : {}),
  };
}

interface Node {
  certificate: pkijs.Certificate;
  sha256: string;
  /** Set when this certificate is a (self-signed) trust anchor. */
  anchor?: TrustAnchor;
}

type End = 'anchor' | 'root' | 'missing' | 'broken';
interface Walk {
  path: Node[];
  end: End;
  problem?: string;
}
const RANK: Record<End, number> = { anchor: 3, root: 2, missing: 1, broken: 0 };

async function node(certificate: pkijs.Certificate, anchor?: TrustAnchor): Promise<Node> {
  return { certificate, sha256: await sha256Hex(certificateDer(certificate)), ...(anchor ? { anchor } : {}) };
}

/**
 * Certificates given as DER (the pinned roots, an authority's certificates from the store or a bundle's tsa/), parsed
 * strictly and hashed once per bytes object: an export describes every token of an authority with the same arrays,
 * and parsing the five pinned roots took about 7 ms a token.
 */
const parsedDer = new WeakMap<Uint8Array, Promise<Node | null>>();

function derNode(der: Uint8Array): Promise<Node | null> {
  let known = parsedDer.get(der);
  if (!known) {
    const certificate = strictCertificate(der);
    known = certificate ? sha256Hex(der).then((sha256) => ({ certificate, sha256 })) : Promise.resolve(null);
    parsedDer.set(der, known);
  }
  return known;
}

/**
 * Whether one certificate's key verifies another's signature, by the two certificates' SHA-256: the same for every
 * token of an authority, so a link is checked once per run, not once per token. Bounded, as a bundle chooses them.
 */
const linkVerdicts = new Map<string, boolean>();
const MAX_LINK_VERDICTS = 4096;

/** The chain from the token's signer: its top (a self-signed certificate) and the anchor it validates to. */
async function chainOf(signed: SignedToken, candidates: readonly Uint8Array[], anchors: readonly TrustAnchor[]): Promise<{ top: Node | null; anchor: Node | null }> {
  const pool: Node[] = [];
  const add = (entry: Node | null, anchor?: TrustAnchor) => {
    if (!entry || pool.some((known) => known.sha256 === entry.sha256)) return;
    pool.push(anchor && isSelfSigned(entry.certificate) ? { ...entry, anchor } : { certificate: entry.certificate, sha256: entry.sha256 });
  };
  // Anchors first: at each link an issuer that is an anchor is tried before a namesake shipped in the bundle.
  for (const anchor of anchors) add(await derNode(anchor.der), anchor);
  for (const certificate of signed.carried) add(await node(certificate));
  for (const der of candidates) add(await derNode(der));

  const signer = await node(signed.signer);
  const leafProblem = validityProblem(signer.certificate, signed.genTime);
  if (leafProblem) throw broken(signed, `it ${leafProblem}`);
  const walk = await new ChainWalker(pool, signed.genTime).walk([pool.find((entry) => entry.sha256 === signer.sha256) ?? signer]);
  if (walk.end === 'broken') throw broken(signed, walk.problem ?? 'a link does not verify');
  const last = walk.path[walk.path.length - 1]!;
  if (walk.end === 'anchor') return { top: last, anchor: last };
  return { top: walk.end === 'root' ? last : null, anchor: null };
}

function broken(signed: SignedToken, problem: string): TimestampError {
  return new TimestampError('TSA_UNTRUSTED_CHAIN', `The certificate chain of the TSA certificate ${signed.info.signer} is broken: ${problem}.`);
}

/** Depth-first search for the best chain: one reaching an anchor, else one reaching a root, else one whose issuer is absent. */
class ChainWalker {
  private checks = 0;
  private readonly explored = new Set<string>();

  constructor(
    private readonly pool: readonly Node[],
    private readonly at: Date,
  ) {}

  async walk(path: Node[]): Promise<Walk> {
    const current = path[path.length - 1]!;
    if (current.anchor) return { path, end: 'anchor' };
    const selfIssued = isSelfSigned(current.certificate);
    if (selfIssued && (await this.signs(current, current))) return { path, end: 'root' };
    this.explored.add(current.sha256);
    const named = this.pool.filter((entry) => entry.certificate.subject.isEqual(current.certificate.issuer) && !path.includes(entry));
    if (named.length === 0) {
      return selfIssued ? { path, end: 'broken', problem: `${subjectName(current.certificate)} names itself as issuer but its signature does not verify` } : { path, end: 'missing' };
    }
    let best: Walk = { path, end: 'broken', problem: `no certificate named ${nameText(current.certificate.issuer)} verifies the signature of ${subjectName(current.certificate)}` };
    for (const issuer of named) {
      if (this.explored.has(issuer.sha256) && !issuer.anchor) continue;
      if (!(await this.signs(issuer, current))) continue;
      const problem = validityProblem(issuer.certificate, this.at) ?? caProblem(issuer.certificate, path.length - 1);
      if (problem) {
        best = { path: [...path, issuer], end: 'broken', problem: `${subjectName(issuer.certificate)} ${problem}` };
        continue;
      }
      if (path.length >= MAX_CHAIN) return { path, end: 'broken', problem: `the chain is longer than ${MAX_CHAIN} certificates` };
      const outcome = await this.walk([...path, issuer]);
      if (outcome.end === 'anchor') return outcome;
      if (RANK[outcome.end] > RANK[best.end]) best = outcome;
    }
    return best;
  }

  /** Does `issuer`'s key verify `subject`'s signature? A key or algorithm that cannot be used is a no. */
  private async signs(issuer: Node, subject: Node): Promise<boolean> {
    const key = `${issuer.sha256}>${subject.sha256}`;
    const known = linkVerdicts.get(key);
    if (known !== undefined) return known;
    if (++this.checks > MAX_SIGNATURE_CHECKS) throw new TimestampError('TSA_UNTRUSTED_CHAIN', 'The certificates shipped with the token are too many or too tangled to build its chain.');
    let verdict: boolean;
    try {
      verdict = await subject.certificate.verify(issuer.certificate);
    } catch {
      verdict = false;
    }
    if (linkVerdicts.size >= MAX_LINK_VERDICTS) linkVerdicts.clear();
    linkVerdicts.set(key, verdict);
    return verdict;
  }
}

/** Why a certificate was not valid at `at`, or null. */
function validityProblem(certificate: pkijs.Certificate, at: Date): string | null {
  if (certificate.notBefore.value > at) return `was not yet valid at the token's time (${at.toISOString()})`;
  if (certificate.notAfter.value < at) return `had expired at the token's time (${at.toISOString()})`;
  return null;
}

/** Why a certificate may not issue the certificate below it (`below` CA certificates between it and the TSA's), or null. */
function caProblem(certificate: pkijs.Certificate, below: number): string | null {
  const constraints = certificate.extensions?.find((e) => e.extnID === BASIC_CONSTRAINTS_OID)?.parsedValue;
  if (!(constraints instanceof pkijs.BasicConstraints) || !constraints.cA) return 'is not a CA certificate';
  const limit = constraints.pathLenConstraint;
  const pathLength = typeof limit === 'number' ? limit : limit instanceof asn1js.Integer ? limit.valueBlock.valueDec : undefined;
  if (pathLength !== undefined && below > pathLength) return `allows ${pathLength} CA certificates below it, not ${below}`;
  const usage = certificate.extensions?.find((e) => e.extnID === KEY_USAGE_OID)?.parsedValue;
  if (usage instanceof asn1js.BitString && ((usage.valueBlock.valueHexView[0] ?? 0) & KEY_CERT_SIGN) === 0) return 'may not sign certificates';
  return null;
}


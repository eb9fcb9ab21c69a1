// Checks a com.atproto.sync.getRecord answer (a CAR) against the author's DID document, from the kept bytes alone:
// the CAR's root is a version-3 commit of that DID, signed with the document's #atproto key, whose MST maps
// app.bsky.feed.post/<rkey> to the record's CID, and the record block hashes to that CID.
//
// The walking and hashing are @atcute/repo's `verifyRecord` (every block it reads is checked against its CID, the
// descent follows only CIDs reachable from the commit, the signature is checked over the DAG-CBOR of the unsigned
// commit); keys are parsed and imported with @atcute/crypto, whose verify rejects high-S signatures as the spec asks.
// Specs: https://atproto.com/specs/repository (commit object, signing, MST paths `<collection>/<rkey>`),
// https://atproto.com/specs/cryptography (P-256 / secp256k1, SHA-256 of the DAG-CBOR bytes, low-S),
// lexicon com.atproto.sync.getRecord ("blocks needed to prove the existence or non-existence of record").
import * as CAR from '@atcute/car';
import * as CBOR from '@atcute/cbor';
import * as CID from '@atcute/cid';
import { getPublicKeyFromDidController, P256PublicKey, Secp256k1PublicKey, type PublicKey } from '@atcute/crypto';
import { isCommit, verifyRecord } from '@atcute/repo';
import { errorMessage } from '../../error-message';
import type { WitnessProof } from '../../model';
import type { DidDocumentClaims } from './bluesky-identity';
import { POST_COLLECTION } from './bluesky-post-fields';

export type RecordCheck =
  | { kind: 'read'; record: unknown; proof: WitnessProof }
  /** The record could not be read from the CAR at all: why, in words. */
  | { kind: 'unreadable'; reason: string };

/** Reads the record at app.bsky.feed.post/<rkey> from `car` and checks its proof for `did` against `document`. */
export async function checkRecord(
  car: Uint8Array,
  target: { did: string; rkey: string },
  document: DidDocumentClaims | string,
): Promise<RecordCheck> {
  const path = `${POST_COLLECTION}/${target.rkey}`;
  const commit = readCommit(car);
  if (typeof commit === 'string') return { kind: 'unreadable', reason: `the record CAR is unreadable: ${commit}` };

  // Inclusion first, without the key: which record the CAR proves is at the path, whoever signed it.
  let included: { cid: string; record: unknown };
  try {
    included = await verifyRecord({ collection: POST_COLLECTION, rkey: target.rkey, carBytes: car });
  } catch (error) {
    return { kind: 'unreadable', reason: `the record CAR does not prove ${path}: ${errorMessage(error)}` };
  }

  const failures: string[] = [];
  const key = await signingKeyOf(target.did, document, failures);
  if (commit.did !== target.did) failures.push(`the commit is for ${commit.did}, not ${target.did}`);
  else if (key) {
    try {
      await verifyRecord({ collection: POST_COLLECTION, rkey: target.rkey, carBytes: car, publicKey: key.publicKey });
    } catch (error) {
      const message = errorMessage(error);
      failures.push(
        message === 'signature verification failed'
          ? `the commit signature does not verify with the DID document's #atproto key ${key.didKey ?? ''}`.trim()
          : `the signed commit does not prove ${path}: ${message}`,
      );
    }
  }

  const verified = failures.length === 0;
  return {
    kind: 'read',
    record: included.record,
    proof: {
      kind: 'atproto-commit',
      verified,
      did: target.did,
      ...(key?.didKey ? { signingKey: key.didKey } : {}),
      commitCid: commit.cid,
      recordCid: included.cid,
      rev: commit.rev,
      detail: verified
        ? `commit ${commit.cid} (rev ${commit.rev}) of ${target.did} is signed by the #atproto key of its DID document ` +
          `(${key?.didKey ?? 'key'}); its tree maps ${path} to ${included.cid}, and every block on that path hashes to its CID`
        : `not verified: ${failures.join('; ')}`,
    },
  };
}

interface CommitSummary {
  cid: string;
  did: string;
  rev: string;
}

/** The CAR's root commit (version 3); its hash is checked by verifyRecord, which reads it again. */
function readCommit(car: Uint8Array): CommitSummary | string {
  try {
    const reader = CAR.fromUint8Array(car);
    const root = reader.roots[0]?.$link;
    if (!root) return 'it names no root';
    // Every block is read, so that a truncated or malformed CAR is said to be so here, not halfway through the proof.
    const block = [...reader].find((entry) => CID.toString(entry.cid) === root);
    if (!block) return `its root block ${root} is missing`;
    const commit: unknown = CBOR.decode(block.bytes);
    return isCommit(commit) ? { cid: root, did: commit.did, rev: commit.rev } : `its root ${root} is not a version-3 commit`;
  } catch (error) {
    return `it is truncated or not a CAR file (${errorMessage(error)})`;
  }
}

/** The DID document's #atproto key as a PublicKey, or the failures that stop the signature check. */
async function signingKeyOf(
  did: string,
  document: DidDocumentClaims | string,
  failures: string[],
): Promise<{ publicKey: PublicKey; didKey?: string } | undefined> {
  if (typeof document === 'string') {
    failures.push(document);
    return undefined;
  }
  if (document.id !== did) failures.push(`the DID document is for ${document.id}, not ${did}`);
  const method = document.signingKey;
  if (!method) {
    failures.push('the DID document has no #atproto signing key');
    return undefined;
  }
  try {
    const found = getPublicKeyFromDidController(method);
    const publicKey =
      found.type === 'p256'
        ? await P256PublicKey.importRaw(found.publicKeyBytes)
        : await Secp256k1PublicKey.importRaw(found.publicKeyBytes);
    // A Multikey's multibase is the did:key identifier itself (https://atproto.com/specs/did, "Public Keys").
    const didKey = method.type === 'Multikey' ? `did:key:${method.publicKeyMultibase}` : await legacyDidKey(publicKey);
    return { publicKey, ...(didKey ? { didKey } : {}) };
  } catch (error) {
    failures.push(`the DID document's #atproto key cannot be read: ${errorMessage(error)}`);
    return undefined;
  }
}

/** did:key of a key published in a legacy (pre-Multikey) verification method type. */
async function legacyDidKey(key: PublicKey): Promise<string | undefined> {
  try {
    return await key.exportPublicKey('did');
  } catch {
    return undefined;
  }
}

// What a bundle's summary says of each token (SummaryTimestamp), read from the token: its time, its signer, the root
// its chain reaches through the authority's certificates and PostProof's pinned roots, and where that root is
// published. Walking a chain costs about 10 ms a token in pkijs (parsing, the token's signature, each link), and every
// token an authority's certificate signed has the same chain: so within one export (the same authority's certificate
// arrays) a chain is walked once per signing certificate, with the first such token checked in full. A token whose
// signing certificate is not known from its stamping (imported tokens) is walked on its own. The RFC 3161 code loads
// only when a capture has tokens, so the popup's export stays light.

import type { PinnedRoot } from '../provenance/tsa-roots';
import type { TokenChain } from '../provenance/tsa-anchor';
import type { SummaryTimestamp } from './capture-summary';
import type { StampLabel } from './stamp-order';
import type { BundleStamp, BundleTsaChain } from './capture-source';
import { errorMessage } from '../error-message';

/** Walked chains, by the authority's certificates array (one export's), the pinned list and the signing certificate. */
const walked = new WeakMap<readonly Uint8Array[], WeakMap<readonly PinnedRoot[], Map<string, TokenChain>>>();
const NO_CERTIFICATES: readonly Uint8Array[] = [];

function memoFor(certificates: readonly Uint8Array[], pinned: readonly PinnedRoot[]): Map<string, TokenChain> {
  let byPinned = walked.get(certificates);
  if (!byPinned) walked.set(certificates, (byPinned = new WeakMap()));
  let chains = byPinned.get(pinned);
  if (!chains) byPinned.set(pinned, (chains = new Map()));
  return chains;
}

/** A token's chain: walked in full the first time its signing certificate is met in this export, reused after. */
async function chainOf(stamp: BundleStamp, certificates: readonly Uint8Array[], pinned: readonly PinnedRoot[]): Promise<TokenChain> {
  const { tokenChainRoot } = await import('../provenance/tsa-anchor');
  if (!stamp.signerSha256 || certificates === NO_CERTIFICATES) return tokenChainRoot(stamp.tsr, certificates, pinned);
  const chains = memoFor(certificates, pinned);
  const known = chains.get(stamp.signerSha256);
  // The token's own time and signer name (both stored from its checked signature); the chain is its certificate's.
  if (known) return { ...known, genTime: stamp.genTime };
  const chain = await tokenChainRoot(stamp.tsr, certificates, pinned);
  chains.set(stamp.signerSha256, chain);
  return chain;
}

/** Each token of a capture as its summary row gives it, and the pinned root each authority's tokens reach. */
export async function describeStamps(
  stamps: readonly { stamp: BundleStamp; summary: StampLabel }[],
  chains: ReadonlyMap<string, BundleTsaChain> | undefined,
  pinned: readonly PinnedRoot[],
  damaged: (why: string) => Error,
): Promise<{ timestamps: SummaryTimestamp[]; pinnedRoots: Map<string, PinnedRoot> }> {
  const pinnedRoots = new Map<string, PinnedRoot>();
  const timestamps: SummaryTimestamp[] = [];
  for (const { stamp, summary } of stamps) {
    let chain: TokenChain;
    try {
      chain = await chainOf(stamp, chains?.get(stamp.tsaId)?.certificates ?? NO_CERTIFICATES, pinned);
    } catch (error) {
      throw damaged(`its timestamp token ${summary.file} does not check out (${errorMessage(error)})`);
    }
    if (chain.pinnedRoot) pinnedRoots.set(stamp.tsaId, chain.pinnedRoot);
    timestamps.push({
      file: summary.file,
      tsaId: stamp.tsaId,
      tsa: stamp.tsaName,
      signer: chain.signer,
      genTime: chain.genTime,
      root: chain.chainRoot ? { subject: chain.chainRoot.subject, sha256: chain.chainRoot.sha256, ...(chain.pinnedRoot ? { obtainFrom: chain.pinnedRoot.obtainFrom } : {}) } : null,
    });
  }
  return { timestamps, pinnedRoots };
}

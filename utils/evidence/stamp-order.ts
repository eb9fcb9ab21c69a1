// The order and file names of a capture's tokens in a bundle, shared by the writers and the derived copies drawn ahead
// of export (their strip lists the tokens in this order).
import { timestampFileName } from './capture-layout';
import type { BundleStamp } from './capture-source';

/** A capture's tokens in bundle order, earliest first: that one becomes capture.json.tsr, which VERIFY.txt checks first. */
/** A token as the annotated screenshot's strip lists it, and under which file the bundle carries it. */
export interface StampLabel {
  tsaId: string;
  tsa: string;
  genTime: string;
  file: string;
}

export function bundleStamps(stamps: readonly BundleStamp[]): { stamp: BundleStamp; file: string; summary: StampLabel }[] {
  const ordered = [...stamps].sort((a, b) => a.genTime.localeCompare(b.genTime) || a.tsaId.localeCompare(b.tsaId));
  return ordered.map((stamp, n) => {
    const file = timestampFileName(n, stamp.tsaId);
    return { stamp, file, summary: { tsaId: stamp.tsaId, tsa: stamp.tsaName, genTime: stamp.genTime, file } };
  });
}

// Platforms with no second witness: their public record of a post is not served to a client without an app token
// (Facebook's Graph API and Instagram's oEmbed both need one since 2020), and a page read without a platform adapter
// has no platform to ask. The reason is written into the capture's `missing[]`, so its absence is explained.
import type { PlatformName } from '../../model';

/** The platforms for which no witness is fetched, each with the reason recorded in `missing[]`. */
export const NO_WITNESS: Partial<Record<PlatformName, string>> = {
  facebook: "Facebook's public post API needs an app token; PostProof holds none, so no second witness is fetched.",
  instagram: "Instagram's public post API (oEmbed) needs an app token; PostProof holds none, so no second witness is fetched.",
  generic: 'The page was read without a platform adapter, so there is no platform to ask for its own public record: no second witness is fetched.',
};

/** Why no witness is fetched for a platform, or undefined when it has a source. */
export function noWitnessReason(platform: PlatformName): string | undefined {
  return NO_WITNESS[platform];
}

// PROVISIONAL (replaced at merge with the platforms' sources): which witness source serves a platform.
import type { PlatformName } from '../../model';
import type { WitnessSource } from '../source';
import { blueskySource } from './bluesky';

export const WITNESS_SOURCES: readonly WitnessSource[] = [blueskySource];

export function witnessSourceFor(platform: PlatformName): WitnessSource | { missing: string } {
  return WITNESS_SOURCES.find((source) => source.platform === platform) ?? { missing: `PostProof knows no public record of ${platform} posts to ask.` };
}

export const ALL_WITNESS_HOST_PATTERNS: string[] = [...new Set(WITNESS_SOURCES.flatMap((source) => source.hostPatterns))];

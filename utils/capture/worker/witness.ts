// The second witness at capture: the platform's own public record of the post, asked for while the media download,
// kept as signed files beside the page's, and compared with what the page showed. Whatever happens (setting off, no
// source for the platform, no permission, no answer), the capture goes on and says why in missing[] or corroboration.
import type { Corroboration, MissingEntry, PlatformName, PostRecord } from '../../model';
import { sha256Hex } from '../../provenance/hash';
import { corroborate } from '../../witness/corroborate';
import { fetchWitness, type WitnessFetchOptions } from '../../witness/fetch-witness';
import type { WitnessSource } from '../../witness/source';
import { witnessEntry, witnessPath } from '../../witness/witness-files';
import type { FetchedFile } from './media';

export type WitnessOutcome = { files: FetchedFile[]; corroboration: Corroboration } | { missing: MissingEntry };

export interface WitnessDeps extends WitnessFetchOptions {
  /** Setting "Second witness": nothing is asked of any platform while it is off. */
  enabled: boolean;
  sourceFor(platform: PlatformName): WitnessSource | { missing: string };
  /** Whether the optional host permissions a source's requests need are granted. */
  allowed(hostPatterns: readonly string[]): Promise<boolean>;
  now?: () => Date;
}

export const WITNESS_OFF_REASON =
  "The second witness is off (Options → Second witness): the platform's own public record of the post was not asked for.";

function missing(reason: string): WitnessOutcome {
  return { missing: { role: 'second-witness', reason } };
}

export async function witnessPost(post: PostRecord, deps: WitnessDeps): Promise<WitnessOutcome> {
  if (!deps.enabled) return missing(WITNESS_OFF_REASON);
  const source = deps.sourceFor(post.platform);
  if ('missing' in source) return missing(source.missing);
  if (source.hostPatterns.length > 0 && !(await deps.allowed(source.hostPatterns).catch(() => false))) {
    return missing(`PostProof may not ask ${source.hostPatterns.join(', ')}: the permission was refused or withdrawn (Options → Second witness).`);
  }
  const fetchedAt = (deps.now ?? (() => new Date()))().toISOString();
  const fetched = await fetchWitness(source, post, deps);
  const files = await Promise.all(
    fetched.responses.map(async (response, index): Promise<FetchedFile> => {
      const path = witnessPath(index + 1, response.name, response.ext ?? 'bin');
      return { entry: { ...witnessEntry(path, response), sha256: await sha256Hex(response.body) }, data: response.body };
    }),
  );
  const corroboration = await corroborate(source, post, fetched.responses, files.map((file) => file.entry.path), fetchedAt, fetched.failure);
  return { files, corroboration };
}

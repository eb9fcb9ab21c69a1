// A WACZ's own timestamp: an RFC 3161 token over datapackage.json from the first authority chosen in the settings,
// when timestamping is on. A failure is told to the user, never fatal: the captures keep the tokens they had.
import { errorMessage } from '../error-message';
import type { DatapackageStamp } from '../formats/wacz/wacz-writer';
import { requestTimestamp } from '../provenance/tsa-client';
import { chosenAuthorities } from '../provenance/tsa-presets';
import type { PostProofDb } from '../store/db';
import { readSettings } from '../store/settings';

/** A timestamper for datapackage.json, or none when timestamping is off; `problems` collects why a token is missing. */
export async function datapackageTimestamper(db: PostProofDb, problems: string[]): Promise<((bytes: Uint8Array) => Promise<DatapackageStamp | undefined>) | undefined> {
  const [authority] = chosenAuthorities(await readSettings(db));
  if (!authority) return undefined;
  return async (bytes) => {
    try {
      const { tsr, info } = await requestTimestamp(authority.url, bytes, { fetch: (input, init) => fetch(input, init) });
      return { tsr, certificates: info.certificates, tsaName: authority.name, tsaUrl: authority.url };
    } catch (error) {
      problems.push(`The WACZ carries no trusted timestamp of its own: ${errorMessage(error)} Its captures keep the timestamps they already had.`);
      return undefined;
    }
  };
}

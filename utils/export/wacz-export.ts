// Exports chosen captures as a WACZ: the same store, key, progress and custody event as the evidence bundle, plus an
// RFC 3161 token over datapackage.json from the first authority chosen in the settings when timestamping is on.
// Loaded on demand (dynamic import from utils/export/export.ts), so the popup does not carry the WACZ and RFC 3161 code.

import { writerInput, type ExportedBundle, type ExportOptions } from './export';
import { errorMessage } from '../evidence/errors';
import { sha256Hex } from '../provenance/hash';
import { requestTimestamp } from '../provenance/tsa-client';
import { chosenAuthorities } from '../provenance/tsa-presets';
import { appendCustodyEvent } from '../store/custody-log';
import type { PostProofDb } from '../store/db';
import { readSettings } from '../store/settings';
import { REPLAY_NOTICE } from '../formats/wacz/verify-guide';
import { writeWacz, type DatapackageStamp } from '../formats/wacz/wacz-writer';

/** `postproof-YYYYMMDD-HHMMSS-<n>captures.wacz`, in UTC. */
export function waczFileName(now: Date, count: number): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `postproof-${stamp}-${count}captures.wacz`;
}

/** A timestamper for datapackage.json, or none when timestamping is off; `problems` collects why a token is missing. */
async function datapackageTimestamper(db: PostProofDb, problems: string[]): Promise<((bytes: Uint8Array) => Promise<DatapackageStamp | undefined>) | undefined> {
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

export async function exportWacz(db: PostProofDb, ids: readonly string[], options: ExportOptions): Promise<ExportedBundle> {
  const now = options.now ?? new Date();
  const { onProgress } = options;
  onProgress?.({ percent: 0, status: `Exporting ${ids.length} capture(s) as WACZ…` });
  const problems: string[] = [];
  const bytes = await writeWacz({
    ...(await writerInput(db, ids, options, now)),
    stampDatapackage: await datapackageTimestamper(db, problems),
  });
  options.signal?.throwIfAborted();
  const fileName = waczFileName(now, ids.length);
  const bundleSha256 = await sha256Hex(bytes);
  for (const id of ids) await appendCustodyEvent(db, id, 'exported', { bundleFile: fileName, bundleSha256, captures: ids.length }, now);
  onProgress?.({ percent: 100, status: `WACZ ready: ${fileName}` });
  return { fileName, bytes, notice: [...problems, REPLAY_NOTICE].join(' ') };
}

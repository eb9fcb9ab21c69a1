// Witness responses as capture files and back: `witness/<n>-<name>.<ext>`, each an ordinary signed artifact (role
// second-witness) whose entry in capture.json holds the URL, the status and the headers the platform sent.
import type { ArtifactEntry } from '../model';
import type { WitnessResponse } from './source';

export const WITNESS_FOLDER = 'witness/';
const WITNESS_PATH = /^witness\/(\d+)-([a-z0-9-]+)\.([a-z0-9]+)$/;

/**
 * The path of the n-th response (from 1). An HTML answer (Telegram's embed page, YouTube's watch page, with the
 * platform's scripts in it) is kept as `.txt`: opened from an unpacked bundle or report.html, no browser renders it or
 * runs its scripts. Its entry's mediaType still says text/html.
 */
export function witnessPath(n: number, name: string, ext: string): string {
  const safe = /^(x?html?|svg|xml)$/i.test(ext) ? 'txt' : ext;
  return `${WITNESS_FOLDER}${n}-${name}.${safe}`;
}

/** The artifact entry of a kept response, without its hash (the caller hashes the bytes it stores). */
export function witnessEntry(path: string, response: WitnessResponse): Omit<ArtifactEntry, 'sha256'> {
  const mediaType = response.headers['content-type']?.split(';')[0]?.trim() || 'application/octet-stream';
  return {
    path,
    role: 'second-witness',
    mediaType,
    bytes: response.body.byteLength,
    sourceUrl: response.url,
    httpStatus: response.status,
    ...(response.headers.date ? { httpDate: response.headers.date } : {}),
    httpHeaders: { ...response.headers },
  };
}

/**
 * The responses again, from the record's entries and the files' bytes, in the order the record lists them. An entry
 * that is not a well-formed witness file is refused by name, never skipped.
 */
export function responsesFromFiles(paths: readonly string[], entries: readonly ArtifactEntry[], bytesOf: (path: string) => Uint8Array): WitnessResponse[] {
  return paths.map((path) => {
    const entry = entries.find((candidate) => candidate.path === path);
    const match = WITNESS_PATH.exec(path);
    if (!entry || entry.role !== 'second-witness' || !match || entry.sourceUrl === undefined || entry.httpStatus === undefined) {
      throw new Error(`${path} is named as a witness file but the record holds no second-witness entry with its URL and status.`);
    }
    return { name: match[2]!, ext: match[3]!, url: entry.sourceUrl, status: entry.httpStatus, headers: { ...(entry.httpHeaders ?? {}) }, body: bytesOf(path) };
  });
}

// "Team captures": the locker's capture folders, from every member's install, read back and verified. A folder is
// fetched object by object, packed unchanged into a ZIP in memory, and that ZIP goes through the bundle verifier
// (and, to import it, through the bundle import, which verifies again): what is checked is exactly the bytes the
// locker served. A key with more than one version, or a delete marker, was written over after the push: that
// capture is not shown as evidence, whatever its newest bytes say.
import type { S3Api } from './s3-api';
import type { TeamCapture, TeamOpenResult } from './team-types';
import { CLOSING_FILE, lockerRoot, parseFolderKey } from './keys';
import type { VerifyCheck, VerifyOptions } from '../evidence/verify-types';
import { verifyBundle } from '../formats/bundle/bundle-verifier';
import { zipInMemory } from '../zip/memory-sink';
import { unsafeEntryNameReason } from '../zip/entry-names';
import { errorMessage } from '../error-message';

/** A folder of more files or bytes than this is not read: a capture's bundle holds a few dozen files. */
export const MAX_FOLDER_OBJECTS = 2000;
export const MAX_FOLDER_BYTES = 2 * 1024 ** 3;
/** Keys listed at most when the team's captures are listed. */
export const MAX_LISTED_OBJECTS = 200_000;

/** Every capture folder under the locker's prefix, newest first. */
export async function listTeamCaptures(api: S3Api, prefix: string, localIds: ReadonlySet<string>): Promise<TeamCapture[]> {
  const root = lockerRoot(prefix);
  const folders = new Map<string, TeamCapture>();
  for (const object of await api.listObjects(root, MAX_LISTED_OBJECTS)) {
    const where = parseFolderKey(root, object.key);
    if (!where || where.caseName.startsWith('.')) continue;
    const folder = folders.get(where.folder) ?? {
      folder: where.folder,
      caseName: where.caseName,
      captureId: where.captureId,
      objects: 0,
      bytes: 0,
      lastModified: object.lastModified,
      complete: false,
      local: localIds.has(where.captureId),
    };
    folder.objects += 1;
    folder.bytes += object.bytes;
    if (object.lastModified > folder.lastModified) folder.lastModified = object.lastModified;
    if (where.path === CLOSING_FILE) folder.complete = true;
    folders.set(where.folder, folder);
  }
  return [...folders.values()].sort((a, b) => (a.lastModified < b.lastModified ? 1 : a.lastModified > b.lastModified ? -1 : 0));
}

export interface OpenedFolder {
  result: TeamOpenResult;
  /** The folder as a bundle ZIP (the locker's bytes, unchanged), for import; absent when it could not be read. */
  bundle?: Uint8Array;
}

function failed(folder: string, checks: VerifyCheck[], overwritten: string[] = []): OpenedFolder {
  return { result: { folder, report: { verdict: 'invalid', checks, captures: [] }, overwritten, verified: false } };
}

/** Reads one capture folder from the locker and verifies it as a bundle. Never throws for what the locker holds. */
export async function openTeamCapture(api: S3Api, folder: string, options: VerifyOptions = {}): Promise<OpenedFolder> {
  const checks: VerifyCheck[] = [];
  const captureId = folder.split('/').at(-2) ?? '';
  let objects;
  let versions;
  try {
    [objects, versions] = await Promise.all([api.listObjects(folder, MAX_FOLDER_OBJECTS + 1), api.listVersions(folder)]);
  } catch (error) {
    return failed(folder, [{ check: 'locker-read', ok: false, message: `The locker could not be read: ${errorMessage(error)}` }]);
  }
  const perKey = new Map<string, number>();
  const overwritten = new Set<string>();
  for (const version of versions) {
    perKey.set(version.key, (perKey.get(version.key) ?? 0) + 1);
    if (version.deleteMarker) overwritten.add(version.key);
  }
  for (const [key, count] of perKey) if (count > 1) overwritten.add(key);
  for (const key of overwritten) {
    checks.push({ check: 'locker-versions', file: key.slice(folder.length), ok: false, message: `This object has ${perKey.get(key)} versions in the locker (or a delete marker): it was written over or hidden after the push. The locked original is still in the bucket's version history; ask the locker's administrator for it.` });
  }
  if (objects.length > MAX_FOLDER_OBJECTS) return failed(folder, [...checks, { check: 'locker-read', ok: false, message: `The folder holds more than ${MAX_FOLDER_OBJECTS} objects; a capture's folder holds a few dozen. It was not read.` }], [...overwritten]);
  const total = objects.reduce((sum, o) => sum + o.bytes, 0);
  if (total > MAX_FOLDER_BYTES) return failed(folder, [...checks, { check: 'locker-read', ok: false, message: `The folder holds ${total} bytes, more than PostProof reads into memory at once (${MAX_FOLDER_BYTES}).` }], [...overwritten]);

  const names = objects.map((o) => o.key.slice(folder.length)).sort();
  for (const name of names) {
    const unsafe = unsafeEntryNameReason(name);
    if (unsafe) return failed(folder, [...checks, { check: 'locker-read', file: name, ok: false, message: `The folder holds an object with an unsafe name: ${unsafe}` }], [...overwritten]);
  }
  let bundle: Uint8Array;
  try {
    const bodies = await Promise.all(names.map(async (name) => (await api.getObject(folder + name)).body));
    bundle = await zipInMemory(new Date(0), async (zip) => {
      for (const [n, name] of names.entries()) await zip.add(name, bodies[n]!);
    });
  } catch (error) {
    return failed(folder, [...checks, { check: 'locker-read', ok: false, message: `The folder could not be read whole from the locker: ${errorMessage(error)}` }], [...overwritten]);
  }
  const report = await verifyBundle(bundle, options);
  const ids = report.captures.map((c) => c.id);
  if (report.verdict === 'valid' && (ids.length !== 1 || ids[0] !== captureId)) {
    checks.push({ check: 'locker-folder', ok: false, message: `The folder is named for capture ${captureId}, but its bundle holds ${ids.length === 1 ? `capture ${ids[0]}` : `${ids.length} captures`}: it was put there by hand, not pushed by PostProof.` });
  }
  report.checks.push(...checks);
  const verified = report.verdict === 'valid' && checks.length === 0;
  if (!verified) report.verdict = 'invalid';
  return { result: { folder, report, overwritten: [...overwritten], verified }, bundle };
}

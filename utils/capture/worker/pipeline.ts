// The capture pipeline: artifacts → hashes → capture.json → signature → one atomic commit. Runs in the background.
import { CAPTURE_FORMAT, SIGNATURE_ALGORITHM, type ArtifactEntry, type CaptureLink, type CaptureRecord, type PostLink, type PostRecord, type CaptureRequest, type CaptureResponse, type Collector, type Corroboration, type MissingEntry, type TsaEndpoint } from '../../model';
import type { StoredArtifact, StoredCustodyLine } from '../../store/rows';
import { sha256Hex, utf8 } from '../../provenance/hash';
import { signDer } from '../../provenance/ecdsa';
import { ChainMovedError, commitCapture, getCapture, readChainHead, storedArtifact } from '../../store/captures';
import { capturedEvent, isConstraintError } from '../../store/custody-log';
import { indexRow } from '../../store/index-row';
import type { PostProofDb, StoredKey } from '../../store/db';
import { queuedStamps } from '../../store/stamps';
import { fetchPostMedia, type FetchedFile, type MediaFetchOptions } from './media';
import { linkSnapshotMedia } from '../snapshot-media';
import { PAGE_MHTML_MEDIA_TYPE, PAGE_MHTML_PATH, type PageCopyOutcome } from './page-copy';
import { errorMessage } from '../../error-message';
import type { WitnessOutcome } from './witness';

/** The screenshot as the background took it: the cropped PNG, or why there is none. */
export type ScreenshotOutcome = { data: Uint8Array; clipped: boolean; clippedReason?: string } | { error: string };

export interface CaptureDeps {
  db: PostProofDb;
  key: StoredKey;
  software: string;
  fetch: typeof fetch;
  /** Size limit and progress of the media download. */
  media?: MediaFetchOptions;
  now?: () => Date;
  newId?: () => string;
  collector?: Collector;
  /** Authorities to timestamp the record: queued in the commit itself, so a restart right after loses nothing. */
  stampWith?: readonly TsaEndpoint[];
  /** Cases the capture joins when it is committed (the active case chosen in the popup). */
  cases?: readonly string[];
  /**
   * The whole page as MHTML (setting `pageMhtml`), started by the caller when the capture was asked for: kept as
   * page.mhtml in the same commit, or named in missing[]. Absent when the setting is off.
   */
  pageCopy?: PageCopyOutcome | Promise<PageCopyOutcome | undefined>;
  /** The second witness (witness.ts), started by the caller with the capture: its files and corroboration, or why none. */
  witness?: WitnessOutcome | Promise<WitnessOutcome>;
}

const COMMIT_ATTEMPTS = 3;

async function fileArtifact(path: string, role: ArtifactEntry['role'], mediaType: string, data: Uint8Array): Promise<FetchedFile> {
  return { entry: { path, role, mediaType, bytes: data.byteLength, sha256: await sha256Hex(data) }, data };
}

function screenshotFiles(shot: ScreenshotOutcome): { file?: Promise<FetchedFile>; missing: MissingEntry[] } {
  if ('error' in shot) return { missing: [{ role: 'screenshot', reason: shot.error }] };
  const missing: MissingEntry[] = shot.clipped
    ? [{ role: 'screenshot', reason: shot.clippedReason ?? 'Part of the post lay outside the browser window; the screenshot shows only the visible part.' }]
    : [];
  return { file: fileArtifact('screenshot.png', 'screenshot', 'image/png', shot.data), missing };
}

/** The page copy's artifact, or its missing[] entry: a page that could not be copied never fails the capture. */
export async function pageCopyFiles(outcome: CaptureDeps['pageCopy']): Promise<{ file?: FetchedFile; missing: MissingEntry[] }> {
  const copy = await Promise.resolve(outcome).catch((error: unknown): PageCopyOutcome => ({ error: `The whole page could not be kept as MHTML: ${String(error)}` }));
  if (copy === undefined) return { missing: [] };
  if ('error' in copy) return { missing: [{ role: 'page-mhtml', reason: copy.error }] };
  return { file: await fileArtifact(PAGE_MHTML_PATH, 'page-mhtml', PAGE_MHTML_MEDIA_TYPE, copy.data), missing: [] };
}

/** The witness's files and corroboration, or its missing[] entry; a witness that threw is named, never fatal. */
async function witnessFiles(outcome: CaptureDeps['witness']): Promise<{ files: FetchedFile[]; missing: MissingEntry[]; corroboration?: Corroboration }> {
  if (outcome === undefined) return { files: [], missing: [] };
  const result = await Promise.resolve(outcome).catch(
    (error: unknown): WitnessOutcome => ({ missing: { role: 'second-witness', reason: `The platform's own record could not be asked for: ${errorMessage(error)}` } }),
  );
  return 'missing' in result ? { files: [], missing: [result.missing] } : { files: result.files, missing: [], corroboration: result.corroboration };
}

/** Serializes the record exactly once; these bytes are what gets hashed, signed and exported. */
export function serializeRecord(record: CaptureRecord): Uint8Array {
  return utf8(`${JSON.stringify(record, null, 2)}\n`);
}

/**
 * The record's `linkedFrom`: the capture named by the request, with the SHA-256 of its capture.json as this store holds
 * it (never a hash from the page), or why there is none to sign. Only the id and the kind are taken from the request,
 * and the link must be one the records themselves show: the earlier capture's post lists this post under that kind (its
 * quoted, forwarded or replied-to post), or this post lists the earlier one (a reply asked from the post it answers),
 * or, for `profile-of`, this is a profile capture of the earlier post's author. A page that names some capture it
 * happened to see gets a refusal, not a signed link that nobody asked for.
 */
export async function resolveLinkedFrom(
  db: PostProofDb,
  asked: CaptureRequest['linkedFrom'],
  post: PostRecord,
): Promise<{ link?: CaptureLink } | { ok: false; code: string; message: string }> {
  if (!asked) return {};
  const linked = await getCapture(db, asked.captureId);
  if (!linked) {
    return {
      ok: false,
      code: 'unknown-linked-capture',
      message: `This capture was asked from capture ${asked.captureId}, which is not in this browser's store, so the link could not be signed. Nothing was saved.`,
    };
  }
  let earlier: PostRecord | undefined;
  try {
    earlier = (JSON.parse(new TextDecoder().decode(linked.recordBytes)) as Partial<CaptureRecord>).post;
  } catch {
    earlier = undefined;
  }
  if (!earlier || !linkShown(earlier, post, asked.kind)) {
    return {
      ok: false,
      code: 'unrelated-linked-capture',
      message: `This capture names capture ${asked.captureId} as the one it was asked from (${asked.kind}), but neither record shows that link, so it was refused. Nothing was saved.`,
    };
  }
  return { link: { captureId: linked.id, captureSha256: linked.recordSha256, kind: asked.kind } };
}

/** Platforms whose post ids are unique across the platform (a Telegram or Bluesky id is unique only in its channel or repository). */
const GLOBAL_POST_IDS = new Set<PostRecord['platform']>(['x', 'reddit', 'youtube', 'tiktok', 'instagram', 'facebook']);

function samePost(link: PostLink, post: PostRecord): boolean {
  if (link.platform !== post.platform) return false;
  if (link.url && post.url && link.url.toLowerCase() === post.url.toLowerCase()) return true;
  return GLOBAL_POST_IDS.has(post.platform) && Boolean(link.id) && link.id === post.id;
}

function sameAccount(a: PostRecord, b: PostRecord): boolean {
  const handle = (post: PostRecord) => post.author?.handle?.toLowerCase();
  return a.platform === b.platform && Boolean(handle(a)) && handle(a) === handle(b);
}

function linkShown(earlier: PostRecord, post: PostRecord, kind: CaptureLink['kind']): boolean {
  if (kind === 'profile-of') return post.kind === 'profile' && sameAccount(earlier, post);
  return (
    (earlier.links ?? []).some((link) => link.kind === kind && samePost(link, post)) ||
    (post.links ?? []).some((link) => link.kind === kind && samePost(link, earlier))
  );
}

export async function preservePost(request: CaptureRequest, shot: ScreenshotOutcome, deps: CaptureDeps): Promise<CaptureResponse> {
  const linked = await resolveLinkedFrom(deps.db, request.linkedFrom, request.post);
  if ('ok' in linked) return linked;
  const now = deps.now ?? (() => new Date());
  const id = (deps.newId ?? (() => crypto.randomUUID()))();
  const capturedAt = now().toISOString();

  const screenshot = screenshotFiles(shot);
  const [shotFile, media, page, witness] = await Promise.all([
    screenshot.file,
    fetchPostMedia(request.post.media ?? [], deps.fetch, { ...deps.media, pageUrl: request.page.url, ...(request.streams ? { streams: request.streams } : {}) }),
    pageCopyFiles(deps.pageCopy),
    witnessFiles(deps.witness),
  ]);
  // The snapshot shows the captured files (media/N.ext) in place of the remote URLs the page used.
  const linkable = media.files.flatMap(({ entry }) => (entry.sourceUrl ? [{ sourceUrl: entry.sourceUrl, path: entry.path }] : []));
  const snapshot = await fileArtifact('post.html', 'dom-snapshot', 'text/html', utf8(linkSnapshotMedia(request.snapshotHtml, linkable)));
  const files = [snapshot, ...(shotFile ? [shotFile] : []), ...(page.file ? [page.file] : []), ...media.files, ...witness.files];
  const missing = [...screenshot.missing, ...page.missing, ...media.missing, ...witness.missing];

  const commit = await commitSigned(deps, id, capturedAt, files, (head) => ({
    format: CAPTURE_FORMAT,
    id,
    sequence: head.sequence + 1,
    previousCaptureSha256: head.lastSha256,
    capturedAt,
    clock: { timeZone: request.timeZone, ...(media.serverDate ? { serverDate: media.serverDate } : {}) },
    page: request.page,
    post: request.post,
    artifacts: files.map((file) => file.entry),
    missing,
    environment: {
      software: deps.software,
      userAgent: request.userAgent,
      viewport: request.viewport,
      locale: request.locale,
    },
    ...(deps.collector && Object.keys(deps.collector).length > 0 ? { collector: deps.collector } : {}),
    ...(witness.corroboration ? { corroboration: witness.corroboration } : {}),
    ...(linked.link ? { linkedFrom: linked.link } : {}),
    signer: { algorithm: SIGNATURE_ALGORITHM, keyId: deps.key.keyId },
  }));
  return commit.ok ? { ok: true, captureId: id, missing } : commit;
}

/** What a signed commit needs: the store and key, the clock, the authorities and cases of the new record. */
export type CommitDeps = Pick<CaptureDeps, 'db' | 'key' | 'now' | 'stampWith' | 'cases'>;

/**
 * Numbers the record at the chain's head, signs its exact bytes and commits it with its files, its first custody
 * line and its place in the timestamp queue, atomically; numbered again if another capture took the head meanwhile.
 * `extraCustody` lines (a re-check's event in the checked capture's log) join the same transaction.
 */
export async function commitSigned(
  deps: CommitDeps,
  id: string,
  capturedAt: string,
  files: readonly FetchedFile[],
  build: (head: { sequence: number; lastSha256: string | null }) => CaptureRecord,
  extraCustody?: (recordSha256: string) => Promise<StoredCustodyLine>,
): Promise<{ ok: true; recordSha256: string } | { ok: false; code: string; message: string }> {
  const now = deps.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    const head = await readChainHead(deps.db);
    const record = build(head);
    const recordBytes = serializeRecord(record);
    const [recordSha256, signature] = await Promise.all([sha256Hex(recordBytes), signDer(deps.key.privateKey, recordBytes)]);
    const artifacts: StoredArtifact[] = files.map((file) => storedArtifact(id, file.entry.path, file.data));
    try {
      await commitCapture(deps.db, indexRow(record, recordBytes, recordSha256, signature), artifacts, head, {
        custody: capturedEvent(id, capturedAt, recordSha256),
        ...(extraCustody ? { extraCustody: [await extraCustody(recordSha256)] } : {}),
        stamps: queuedStamps(id, deps.stampWith ?? [], now()),
        ...(deps.cases?.length ? { cases: [...deps.cases] } : {}),
      });
      return { ok: true, recordSha256 };
    } catch (error) {
      // A moved chain head, or another line added to the checked capture's log meanwhile: built again on the new state.
      if ((error instanceof ChainMovedError || (extraCustody && isConstraintError(error))) && attempt < COMMIT_ATTEMPTS) continue;
      return { ok: false, ...describeStoreError(error) };
    }
  }
}

export function describeStoreError(error: unknown): { code: string; message: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const cause = (error as { cause?: unknown } | null)?.cause;
  const detail = errorMessage(error);
  // Chromium reports a store over its quota as QuotaExceededError (sometimes only as the cause of an aborted
  // transaction), and a disk that is really full as "DataError: Failed to write blobs (IOError)" or an I/O UnknownError:
  // seen end to end in test/storage-full.e2e.ts on a browser profile on a small tmpfs.
  const quota = name === 'QuotaExceededError' || (cause as DOMException | undefined)?.name === 'QuotaExceededError' || /quota/i.test(detail);
  const diskFull = (name === 'DataError' || name === 'UnknownError') && /IOError|IO error|I\/O error|no space|disk|backing store/i.test(detail);
  if (quota || diskFull) {
    return {
      code: 'quota-exceeded',
      message:
        'The browser could not store this capture: its storage is full (the disk, or the space the browser allows). ' +
        `Free disk space, or export and remove old captures, then press Preserve again. Earlier captures are intact. (${name}: ${detail})`,
    };
  }
  return { code: 'store-failed', message: `The capture could not be saved: ${detail}. Nothing was half-written; try again.` };
}

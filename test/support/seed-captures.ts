// Runs INSIDE an extension page (bundled by store-seeder.ts and evaluated there by the test): fills the extension's
// own store with captures made by the real capture pipeline (signed records, one commit each), never by copying rows.
import { preservePost } from '../../utils/capture/worker/pipeline';
import type { CaptureRequest, PlatformName } from '../../utils/model';
import { getOrCreateInstallKey } from '../../utils/store/install-key';
import { createCase, saveAnnotation } from '../../utils/store/annotations';
import { matchesQuery } from '../../utils/store/captures';
import { openPostProofDb } from '../../utils/store/db';

export interface SeedOptions {
  count: number;
  /** PNG bytes used as every capture's screenshot. */
  screenshot: number[];
  /** Every n-th capture joins the case "Seeded case" with the tag "seeded" (0: none). */
  annotateEvery?: number;
  /** Every n-th capture (n, 2n, … counting from 1) is saved without a screenshot, as when screenshots were not allowed (0: none). */
  withoutScreenshotEvery?: number;
}

const PLATFORMS: PlatformName[] = ['x', 'mastodon', 'bluesky', 'telegram', 'facebook', 'instagram', 'reddit', 'youtube', 'tiktok'];
const WORDS = (
  'election flood report video protest minister statement border water hospital school road bridge fire army police court ' +
  'vote ballot count official witness footage market price fuel power outage storm rescue aid convoy camp village city ' +
  'الانتخابات فيضان تقرير مظاهرة وزير بيان الحدود مستشفى مدرسة طريق جسر حريق شرطة محكمة شاهد سوق كهرباء عاصفة إنقاذ مساعدات قرية مدينة ' +
  'élection inondation témoin hôpital école'
).split(' ');

/** A small deterministic generator: the same seed gives the same store. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function request(n: number, next: () => number): CaptureRequest {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const platform = PLATFORMS[n % PLATFORMS.length]!;
  const author = Math.floor(next() * 300);
  const text = Array.from({ length: 12 + Math.floor(next() * 30) }, () => pick(WORDS)).join(' ') + ` #${n}`;
  const postedAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 600 * 86_400_000)).toISOString();
  return {
    post: { platform, id: `seed-${n}`, url: `https://example.org/${platform}/${n}`, author: { name: `Author ${author}`, handle: `author${author}` }, postedAt, text },
    snapshotHtml: `<!doctype html><p dir="auto">${text}</p>`,
    rect: { x: 0, y: 0, width: 100, height: 100 },
    viewport: { width: 1280, height: 720, devicePixelRatio: 1 },
    page: { url: `https://example.org/${platform}/${n}`, title: `Post ${n}` },
    locale: 'en-US',
    timeZone: 'UTC',
    userAgent: navigator.userAgent,
  };
}

export async function seedCaptures(options: SeedOptions): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const db = await openPostProofDb();
  const key = await getOrCreateInstallKey(db);
  const shot = { data: new Uint8Array(options.screenshot), clipped: false };
  const next = random(42);
  const seededCase = options.annotateEvery ? await createCase(db, 'Seeded case') : undefined;
  const ids: string[] = [];
  for (let n = 0; n < options.count; n++) {
    const noShot = options.withoutScreenshotEvery ? (n + 1) % options.withoutScreenshotEvery === 0 : false;
    const made = await preservePost(request(n, next), noShot ? { error: 'Screenshots not allowed (seeded)' } : shot, { db, key, software: 'PostProof seed', fetch: () => Promise.reject(new Error('no media')) });
    if (!made.ok) throw new Error(made.message);
    ids.push(made.captureId);
    if (seededCase && n % options.annotateEvery! === 0) await saveAnnotation(db, made.captureId, { cases: [seededCase.id], tags: ['seeded'], note: '' });
  }
  db.close();
  return { ids, ms: performance.now() - started };
}

(globalThis as { postproofSeed?: typeof seedCaptures }).postproofSeed = seedCaptures;

/** The bench's search baseline: every record read once, then a plain linear scan (the old matchesQuery) per query. */
export async function linearSearchMs(queries: string[]): Promise<number[]> {
  const db = await openPostProofDb();
  const all = await db.getAll('captures');
  db.close();
  return queries.map((query) => {
    const started = performance.now();
    all.filter((capture) => matchesQuery(capture, query));
    return performance.now() - started;
  });
}

(globalThis as { postproofLinearSearchMs?: typeof linearSearchMs }).postproofLinearSearchMs = linearSearchMs;

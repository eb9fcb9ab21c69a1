// The dashboard's data: listing rows, annotations, cases and timestamp states, read from the store (no record or
// artifact bytes) and again when the page comes back to the front or an annotation changes. The first read takes the
// newest rows only (a screenful and some), so the list paints at once; every row follows right after that paint.
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, CaseRecord } from '../utils/store/rows';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { listAnnotations, listCases } from '../utils/store/annotations';
import { listListings, newestListings, stampStatesByCapture, type NewestListings } from '../utils/store/capture-index';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { t } from '../utils/i18n/i18n';
import { errorMessage } from '../utils/error-message';

export interface DashboardData {
  db?: PostProofDb;
  /** Newest first. */
  listings: CaptureListing[];
  annotations: ReadonlyMap<string, CaptureAnnotation>;
  cases: CaseRecord[];
  stampStates: ReadonlyMap<string, CaptureStampState>;
  keyId?: string;
  /** Captures in the store: known before every row is. */
  total: number;
  /** False while only the newest rows are read (the first paint); select-all and filters wait for the rest. */
  complete: boolean;
  loading: boolean;
  error?: string;
  reload: () => void;
}

type Rows = Omit<DashboardData, 'db' | 'loading' | 'error' | 'reload'>;

/** The open store and its newest rows: what the first paint of the list needs. */
export interface FirstRead {
  store: PostProofDb;
  newest: NewestListings;
}

/**
 * Opens the store and reads the `firstRows` newest rows (what the list shows at first). The page calls it before its
 * first render, so this I/O runs while the page's shell is rendered and painted instead of after.
 */
export function readFirstRows(firstRows: number, open: () => Promise<PostProofDb> = openPostProofDb): Promise<FirstRead> {
  const read = open().then(async (store) => ({ store, newest: await newestListings(store, firstRows) }));
  // A failure is shown by the hook; until the hook awaits it, it is not an unhandled rejection.
  read.catch(() => undefined);
  return read;
}

/** Resolves after the browser has painted what was rendered before the call. */
function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function everyRow(store: PostProofDb): Promise<Rows> {
  const [listings, annotations, cases, stampStates, key] = await Promise.all([
    listListings(store),
    listAnnotations(store),
    listCases(store),
    stampStatesByCapture(store),
    getOrCreateInstallKey(store),
  ]);
  return { listings, annotations, cases, stampStates, keyId: key.keyId, total: listings.length, complete: true };
}

/** `firstRead` is the page's readFirstRows(), started before its first render. */
export function useDashboardData(firstRead: Promise<FirstRead>): DashboardData {
  const [db, setDb] = useState<PostProofDb>();
  const [state, setState] = useState<Rows>({ listings: [], annotations: new Map(), cases: [], stampStates: new Map(), total: 0, complete: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  // A layout effect, so the newest rows are taken as soon as they are read, not one frame after the first paint.
  useLayoutEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        let store = db;
        if (!store) {
          const first = await firstRead;
          if (cancelled) return;
          store = first.store;
          setDb(store);
          setState((previous) => ({ ...previous, ...first.newest, complete: first.newest.listings.length >= first.newest.total }));
          setLoading(false);
          await afterPaint();
          if (cancelled) return;
        }
        const rows = await everyRow(store);
        if (cancelled) return;
        setState(rows);
        setError(undefined);
      } catch (failure) {
        if (!cancelled) setError(t('error_storage', errorMessage(failure)));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only `generation` re-runs this: the store is opened once, a reload re-reads it.
  }, [generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { db, ...state, loading, error, reload };
}

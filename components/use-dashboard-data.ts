// The dashboard's data: listing rows, annotations, cases and timestamp states, read from the store (no record or
// artifact bytes) and again when the page comes back to the front or an annotation changes. The first read takes the
// newest rows only (a screenful and some), so the list paints at once; every row follows right after that paint.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, CaseRecord } from '../utils/model';
import { getOrCreateInstallKey } from '../utils/provenance/install-key';
import { listAnnotations, listCases } from '../utils/store/annotations';
import { listListings, newestListings, stampStatesByCapture } from '../utils/store/capture-index';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { t } from '../utils/i18n';

/** Rows read before the first paint: more than any screen shows. */
export const FIRST_ROWS = 40;

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

export function useDashboardData(open: () => Promise<PostProofDb> = openPostProofDb, firstRows: number = FIRST_ROWS): DashboardData {
  const [db, setDb] = useState<PostProofDb>();
  const [state, setState] = useState<Rows>({ listings: [], annotations: new Map(), cases: [], stampStates: new Map(), total: 0, complete: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const store = db ?? (await open());
        if (cancelled) return;
        if (!db) {
          // First open: the newest rows first, painted before the rest is read.
          const newest = await newestListings(store, firstRows);
          if (cancelled) return;
          setDb(store);
          setState((previous) => ({ ...previous, ...newest, complete: newest.listings.length >= newest.total }));
          setLoading(false);
          await afterPaint();
          if (cancelled) return;
        }
        const rows = await everyRow(store);
        if (cancelled) return;
        setDb(store);
        setState(rows);
        setError(undefined);
      } catch (failure) {
        if (!cancelled) setError(t('error_storage', failure instanceof Error ? failure.message : String(failure)));
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

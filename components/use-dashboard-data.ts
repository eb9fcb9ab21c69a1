// The dashboard's data: listing rows, annotations, cases and timestamp states, read once from the store (no record
// or artifact bytes) and again when the page comes back to the front or an annotation changes.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CaptureAnnotation, CaptureListing, CaptureStampState, CaseRecord } from '../utils/model';
import { getOrCreateInstallKey } from '../utils/provenance/install-key';
import { listAnnotations, listCases } from '../utils/store/annotations';
import { listListings, stampStatesByCapture } from '../utils/store/capture-index';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { t } from '../utils/i18n';

export interface DashboardData {
  db?: PostProofDb;
  /** Newest first. */
  listings: CaptureListing[];
  annotations: ReadonlyMap<string, CaptureAnnotation>;
  cases: CaseRecord[];
  stampStates: ReadonlyMap<string, CaptureStampState>;
  keyId?: string;
  loading: boolean;
  error?: string;
  reload: () => void;
}

export function useDashboardData(open: () => Promise<PostProofDb> = openPostProofDb): DashboardData {
  const [db, setDb] = useState<PostProofDb>();
  const [state, setState] = useState<Omit<DashboardData, 'db' | 'loading' | 'error' | 'reload'>>({ listings: [], annotations: new Map(), cases: [], stampStates: new Map() });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const store = db ?? (await open());
        const [listings, annotations, cases, stampStates, key] = await Promise.all([
          listListings(store),
          listAnnotations(store),
          listCases(store),
          stampStatesByCapture(store),
          getOrCreateInstallKey(store),
        ]);
        if (cancelled) return;
        setDb(store);
        setState({ listings, annotations, cases, stampStates, keyId: key.keyId });
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

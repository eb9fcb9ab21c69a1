// Opens the extension's IndexedDB store from a page (pages share the extension origin) and loads captures and key.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { StoredCapture } from '../utils/model';
import { getOrCreateInstallKey } from '../utils/provenance/install-key';
import { listCaptures } from '../utils/store/captures';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';

export interface CaptureStoreState {
  db?: PostProofDb;
  /** Newest first. */
  captures: StoredCapture[];
  keyId?: string;
  loading: boolean;
  error?: string;
  reload: () => void;
}

export function useCaptureStore(open: () => Promise<PostProofDb> = openPostProofDb): CaptureStoreState {
  const [db, setDb] = useState<PostProofDb>();
  const [captures, setCaptures] = useState<StoredCapture[]>([]);
  const [keyId, setKeyId] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const store = db ?? (await open());
        const [list, key] = await Promise.all([listCaptures(store), getOrCreateInstallKey(store)]);
        if (cancelled) return;
        setDb(store);
        setCaptures(list);
        setKeyId(key.keyId);
        setError(undefined);
      } catch (failure) {
        if (cancelled) return;
        setError(`PostProof could not read its storage in this browser (${failure instanceof Error ? failure.message : String(failure)}). Close this page and open it again; your captures are not deleted.`);
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only `generation` re-runs this: the store is opened once and reused, a reload re-reads the lists.
  }, [generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { db, captures, keyId, loading, error, reload };
}

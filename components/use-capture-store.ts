// Opens the extension's IndexedDB store from a page (pages share the extension origin) and loads captures and key.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n/i18n';
import type { StoredCapture, StoredStamp } from '../utils/store/rows';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { listCaptures } from '../utils/store/captures';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { stampsByCapture } from '../utils/store/stamps';
import { errorMessage } from '../utils/error-message';

/** While a timestamp is pending, the lists look again this often: the background stamps within seconds when online. */
const STAMP_REFRESH_MS = 2_000;

export interface CaptureStoreState {
  db?: PostProofDb;
  /** Newest first. */
  captures: StoredCapture[];
  keyId?: string;
  /** Each capture's timestamps, by capture id. */
  stamps: ReadonlyMap<string, StoredStamp[]>;
  loading: boolean;
  error?: string;
  reload: () => void;
}

export function useCaptureStore(open: () => Promise<PostProofDb> = openPostProofDb): CaptureStoreState {
  const [db, setDb] = useState<PostProofDb>();
  const [captures, setCaptures] = useState<StoredCapture[]>([]);
  const [keyId, setKeyId] = useState<string>();
  const [stamps, setStamps] = useState<ReadonlyMap<string, StoredStamp[]>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const store = db ?? (await open());
        const [list, key, stampRows] = await Promise.all([listCaptures(store), getOrCreateInstallKey(store), stampsByCapture(store)]);
        if (cancelled) return;
        setDb(store);
        setCaptures(list);
        setStamps(stampRows);
        setKeyId(key.keyId);
        setError(undefined);
      } catch (failure) {
        if (cancelled) return;
        setError(t('error_storage', errorMessage(failure)));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only `generation` re-runs this: the store is opened once and reused, a reload re-reads the lists.
  }, [generation]);

  const pending = [...stamps.values()].some((rows) => rows.some((row) => row.state === 'waiting'));
  useEffect(() => {
    if (!db || !pending) return undefined;
    const timer = setInterval(() => void stampsByCapture(db).then(setStamps, () => undefined), STAMP_REFRESH_MS);
    return () => clearInterval(timer);
  }, [db, pending]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { db, captures, keyId, stamps, loading, error, reload };
}

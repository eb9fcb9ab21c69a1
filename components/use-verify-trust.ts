// What verify.html trusts beyond PostProof's pinned roots: the trusted collectors and the chosen timestamp roots, read
// from storage.local before the page shows (so no file is checked without them), saved as they change, and turned
// into the options every verification gets.
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { VerifyOptions } from '../utils/evidence/verify-types';
import { t } from '../utils/i18n/i18n';
import { readTrustedCollectors, verificationKeys, writeTrustedCollectors, type CollectorStorage, type TrustedCollector } from './trusted-collectors';
import { readTrustedTsaRoots, rootDers, writeTrustedTsaRoots, type TrustedTsaRoot } from './tsa-roots';
import { errorMessage } from '../utils/error-message';

export interface StoredTrust {
  collectors: TrustedCollector[];
  roots: TrustedTsaRoot[];
  /** Why the lists could not be read (they are then empty). */
  error?: string;
}

/** Both lists as stored; never rejects. */
export async function loadVerifyTrust(storage: CollectorStorage): Promise<StoredTrust> {
  try {
    const [collectors, roots] = await Promise.all([readTrustedCollectors(storage), readTrustedTsaRoots(storage)]);
    return { collectors, roots };
  } catch (failure) {
    return { collectors: [], roots: [], error: t('trust_read_failed', errorMessage(failure)) };
  }
}

export interface VerifyTrust {
  collectors: TrustedCollector[];
  roots: TrustedTsaRoot[];
  error?: string;
  saveCollectors(list: TrustedCollector[]): Promise<void>;
  saveRoots(roots: TrustedTsaRoot[]): Promise<void>;
  /** `tsaRoots` and, once a collector is listed, `trustedKeys` (with this browser's key). */
  options: Pick<VerifyOptions, 'tsaRoots' | 'trustedKeys'>;
  /** Changes whenever what is trusted changes: a verdict made under another one is out of date. */
  fingerprint: string;
}

export function useVerifyTrust(storage: CollectorStorage, initial: StoredTrust, ownKeyId: string | undefined): VerifyTrust {
  const [collectors, setCollectors] = useState<TrustedCollector[]>(initial.collectors);
  const [roots, setRoots] = useState<TrustedTsaRoot[]>(initial.roots);

  const saveCollectors = useCallback(
    async (list: TrustedCollector[]) => {
      await writeTrustedCollectors(storage, list);
      setCollectors(list);
    },
    [storage],
  );
  const saveRoots = useCallback(
    async (chosen: TrustedTsaRoot[]) => {
      await writeTrustedTsaRoots(storage, chosen);
      setRoots(chosen);
    },
    [storage],
  );

  const options = useMemo(() => {
    const keys = verificationKeys(collectors, ownKeyId, t('collectors_own_label'));
    return { tsaRoots: rootDers(roots), ...(keys ? { trustedKeys: keys } : {}) };
  }, [collectors, roots, ownKeyId]);
  const fingerprint = useMemo(() => JSON.stringify([collectors, roots.map((root) => root.sha256), ownKeyId ?? '']), [collectors, roots, ownKeyId]);

  return { collectors, roots, ...(initial.error ? { error: initial.error } : {}), saveCollectors, saveRoots, options, fingerprint };
}

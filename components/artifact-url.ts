// An artifact of a capture as an object URL, read from the store only while the component showing it is mounted
// (and, for list thumbnails, only once the row has stayed in view for a moment: a fast scroll reads nothing).
import { useEffect, useState } from 'preact/hooks';
import { readArtifact } from '../utils/store/captures';
import type { PostProofDb } from '../utils/store/db';

export function useArtifactUrl(db: PostProofDb | undefined, captureId: string, path: string | undefined, mediaType: string, delayMs = 0): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!db || !path || typeof URL.createObjectURL !== 'function') return undefined;
    let created: string | undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      readArtifact(db, captureId, path).then((bytes) => {
        if (cancelled) return;
        created = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
        setUrl(created);
      }, () => undefined);
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (created) URL.revokeObjectURL(created);
      setUrl(undefined);
    };
  }, [db, captureId, path, mediaType, delayMs]);
  return url;
}

// An artifact of a capture as an object URL, read from the store only while the component showing it is mounted
// (and, for list thumbnails, only once the list has been still for a moment: a fast scroll reads nothing).
import { useEffect, useState } from 'preact/hooks';
import { readArtifactFile } from '../utils/store/captures';
import type { PostProofDb } from '../utils/store/db';

/** When to read: at once by default; a list passes its ScrollQuiet's whenStill. Returns a cancel function. */
export type ReadSchedule = (read: () => void) => () => void;

const atOnce: ReadSchedule = (read) => {
  read();
  return () => undefined;
};

export function useArtifactUrl(db: PostProofDb | undefined, captureId: string, path: string | undefined, mediaType: string, schedule: ReadSchedule = atOnce): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!db || !path || typeof URL.createObjectURL !== 'function') return undefined;
    let created: string | undefined;
    let cancelled = false;
    const cancelRead = schedule(() => {
      readArtifactFile(db, captureId, path, mediaType).then((file) => {
        if (cancelled) return;
        created = URL.createObjectURL(file);
        setUrl(created);
      }, () => undefined);
    });
    return () => {
      cancelled = true;
      cancelRead();
      if (created) URL.revokeObjectURL(created);
      setUrl(undefined);
    };
  }, [db, captureId, path, mediaType, schedule]);
  return url;
}

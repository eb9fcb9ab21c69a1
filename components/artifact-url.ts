// An artifact of a capture as an object URL, read from the store only while the component showing it is mounted
// (and, for list thumbnails, only once the list has been still for a moment: a fast scroll reads nothing).
import { useEffect, useState } from 'preact/hooks';
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
      db.get('artifacts', [captureId, path]).then((row) => {
        if (cancelled || !row) return;
        // A stored Blob is handed on as it is (the browser keeps its bytes); older rows hold the bytes themselves.
        created = URL.createObjectURL(new Blob([row.data as Blob | Uint8Array<ArrayBuffer>], { type: mediaType }));
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

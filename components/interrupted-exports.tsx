// Exports cut off by a closed page or a browser that quit (utils/export/marker.ts), said plainly where exports are
// started, until the user dismisses them.
import { useEffect, useState } from 'preact/hooks';
import { browserSession, dismissInterrupted, interruptedExports, type ExportMarker, type MarkerStorage, type SessionStorage } from '../utils/export/marker';
import { t, tCount } from '../utils/i18n/i18n';
import { formatLocalTime } from './format';

export function InterruptedExports({ storage, session }: { storage: MarkerStorage; session: SessionStorage }) {
  const [cutOff, setCutOff] = useState<ExportMarker[]>([]);

  useEffect(() => {
    browserSession(session)
      .then((current) => interruptedExports(storage, current))
      .then(setCutOff, () => setCutOff([]));
  }, [storage, session]);

  if (cutOff.length === 0) return null;
  return (
    <div class="notice" role="alert" data-testid="export-interrupted">
      <ul>
        {cutOff.map((marker) => (
          <li key={marker.id}>{t('export_interrupted', [tCount('count_captures', marker.captures), formatLocalTime(marker.startedAt)])}</li>
        ))}
      </ul>
      <button
        type="button"
        data-testid="export-interrupted-dismiss"
        onClick={() => void dismissInterrupted(storage, cutOff.map((m) => m.id)).finally(() => setCutOff([]))}
      >
        {t('export_interrupted_dismiss')}
      </button>
    </div>
  );
}

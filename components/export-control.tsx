// The export button with its progress bar and status line: runs an export of the chosen captures and downloads it.
import { useState } from 'preact/hooks';
import type { ExportedBundle, ExportedVolumeSet, ExportProgress } from '../utils/export/types';
import { t, tCount } from '../utils/i18n/i18n';
import { downloadBlob, downloadBytes } from './download';
import { ProgressBar } from './progress-bar';
import { errorMessage } from '../utils/error-message';

/** One bundle built in memory, or (large sets) volumes written to disk (utils/export/session.ts). */
export type RunExport = (ids: string[], onProgress: (progress: ExportProgress) => void, signal: AbortSignal) => Promise<ExportedBundle | ExportedVolumeSet>;

export interface ExportControlProps {
  selectedIds: readonly string[];
  /** Absent while the page cannot export yet (store still opening, or failed to open). */
  runExport?: RunExport;
  /** Why there is no `runExport`, shown beside the disabled button. */
  unavailable?: string;
  /** Replaces the default download (tests). */
  save?: (bundle: ExportedBundle) => void;
  /** Replaces the default download of volumes (tests). */
  saveVolumes?: (set: ExportedVolumeSet) => void;
}

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; percent: number; status: string }
  | { phase: 'done'; status: string; notice?: string }
  | { phase: 'error'; message: string }
  | { phase: 'cancelled' };

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return t('size_kb', Math.max(1, Math.round(bytes / 1024)));
  return t('size_mb', (bytes / (1024 * 1024)).toFixed(1));
}

function exportFailedText(error: unknown): string {
  return t('export_failed', errorMessage(error));
}

function downloadVolumes(set: ExportedVolumeSet): void {
  for (const volume of set.volumes) downloadBlob(volume.file, volume.fileName);
}

export function ExportControl({ selectedIds, runExport, unavailable, save, saveVolumes }: ExportControlProps) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const [abort, setAbort] = useState<AbortController>();
  const running = state.phase === 'running';
  const count = selectedIds.length;

  async function start() {
    if (!runExport) return;
    const ids = [...selectedIds];
    setState({ phase: 'running', percent: 0, status: tCount('export_running', ids.length) });
    const controller = new AbortController();
    setAbort(controller);
    try {
      const result = await runExport(ids, (progress) => setState({ phase: 'running', ...progress }), controller.signal);
      if ('volumes' in result) {
        (saveVolumes ?? downloadVolumes)(result);
        const names = result.volumes.map((v) => v.fileName).join(', ');
        const volumes = tCount('count_volumes', result.volumes.length);
        setState({ phase: 'done', status: t('export_saved_volumes', [volumes, tCount('count_captures', ids.length), sizeLabel(result.bytes), names]) });
        return;
      }
      const bundle = result;
      (save ?? ((b: ExportedBundle) => downloadBytes(b.bytes, b.fileName)))(bundle);
      setState({
        phase: 'done',
        status: t('export_saved_bundle', [bundle.fileName, tCount('count_captures', ids.length), sizeLabel(bundle.bytes.length)]),
        notice: bundle.notice,
      });
    } catch (error) {
      setState(controller.signal.aborted ? { phase: 'cancelled' } : { phase: 'error', message: exportFailedText(error) });
    } finally {
      setAbort(undefined);
    }
  }

  const percent = state.phase === 'running' ? state.percent : state.phase === 'done' ? 100 : 0;
  const status =
    state.phase === 'running' || state.phase === 'done' ? state.status : state.phase === 'cancelled' ? t('export_cancelled') : '';
  const hint = !runExport ? (unavailable ?? t('storage_opening')) : count === 0 ? t('export_tick_hint') : '';
  return (
    <div class="export">
      <button
        type="button"
        class="primary"
        data-testid="export-selected"
        disabled={running || count === 0 || !runExport}
        aria-describedby="export-hint"
        onClick={() => void start()}
      >
        {count > 0 ? tCount('export_selected_count', count) : t('export_selected_none')}
      </button>
      {running && abort ? (
        <button type="button" data-testid="export-cancel" onClick={() => abort.abort()}>
          {t('export_cancel')}
        </button>
      ) : null}
      <span id="export-hint" class="hint">{hint}</span>
      <ProgressBar testId="export-progress" label={t('export_progress_label')} percent={percent} hidden={state.phase === 'idle' || state.phase === 'error' || state.phase === 'cancelled'} />
      <p class="status" role="status" aria-live="polite" data-testid="export-status">{status}</p>
      {state.phase === 'done' && state.notice ? <p class="hint" data-testid="export-notice">{state.notice}</p> : null}
      {state.phase === 'error' ? (
        <p class="error" role="alert" data-testid="export-error">{state.message}</p>
      ) : null}
    </div>
  );
}

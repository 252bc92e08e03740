// App-level export state: which scene the Export dialog is open for (or which finished export
// job it shows), and saving an item file through the desktop save dialog with a toast.
import { useCallback, useState } from 'react';
import type { JobRecord, StudioApi, WorkspaceItem } from '../../shared';
import type { ToastOptions } from '../hooks/use-toasts';
import { toUiError } from '../lib';
import type { ExportTarget } from './export-dialog';

export interface ExportActions {
  target: ExportTarget | null;
  open(scene: WorkspaceItem): void;
  /** Open the dialog on a finished (or running) export job. */
  showJob(job: JobRecord): void;
  close(): void;
  saveFile(item: WorkspaceItem, file: string): void;
}

export function useExportActions(
  api: StudioApi, items: WorkspaceItem[] | null, show: (message: string, options?: ToastOptions) => number,
): ExportActions {
  const [target, setTarget] = useState<ExportTarget | null>(null);
  const open = useCallback((scene: WorkspaceItem) => setTarget({ scene }), []);
  const close = useCallback(() => setTarget(null), []);
  const showJob = useCallback((job: JobRecord) => {
    if (job.spec.kind !== 'export') return;
    const sceneId = job.spec.sceneId;
    const scene = items?.find((i) => i.kind === 'scene' && i.id === sceneId);
    if (scene) setTarget({ scene, jobId: job.id });
    else show('The exported scene is no longer in the gallery; the export itself is under Exports.', { tone: 'info' });
  }, [items, show]);
  const saveFile = useCallback((item: WorkspaceItem, file: string) => {
    api.saveItemFile({ kind: item.kind, id: item.id, file })
      .then((r) => { if (r.path) show(`Saved ${file} to ${r.path}.`, { tone: 'success' }); })
      .catch((e: unknown) => show(`Could not save ${file}: ${toUiError(e).message}`, { tone: 'error' }));
  }, [api, show]);
  return { target, open, showJob, close, saveFile };
}

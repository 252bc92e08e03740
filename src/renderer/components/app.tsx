// The studio window: top bar, gallery or viewer, job panel, status bar, dialogs and toasts.
import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import type { JobSpecInput, StudioApi, WorkspaceItem } from '../../shared';
import { useStudioData } from '../hooks/use-studio-data';
import { useToasts } from '../hooks/use-toasts';
import { itemName, toUiError } from '../lib';
import type { UiError } from '../lib';
import { Gallery } from './gallery';
import { ImportDialog } from './import-dialog';
import { JobPanel } from './job-panel';
import { ReconstructDialog } from './reconstruct-dialog';
import { StatusBar } from './status-bar';
import { ToastRegion } from './toast-region';
import { TopBar, type Screen } from './top-bar';

// three.js, react-three-fiber and drei load only when a scene is first opened.
const ViewerScreen = lazy(() => import('../viewer/viewer-screen').then((m) => ({ default: m.ViewerScreen })));

export function App({ api }: { api: StudioApi }) {
  const data = useStudioData(api);
  const { toasts, show, dismiss } = useToasts();
  const [screen, setScreen] = useState<Screen>('gallery');
  const [sceneId, setSceneId] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [reconstructTarget, setReconstructTarget] = useState<WorkspaceItem | null>(null);
  const [importingSample, setImportingSample] = useState(false);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const item of data.items ?? []) map.set(item.id, itemName(item));
    return map;
  }, [data.items]);
  const nameOf = useCallback((id: string) => names.get(id), [names]);
  const scene = data.items?.find((i) => i.kind === 'scene' && i.id === sceneId) ?? null;

  const openScene = useCallback((id: string) => {
    setSceneId(id);
    setScreen('viewer');
  }, []);

  const importSample = useCallback(async () => {
    setImportingSample(true);
    try {
      const item = await api.importSampleCapture({});
      show(`Imported “${itemName(item)}”.`, { tone: 'success' });
      data.refreshItems();
    } catch (e) {
      show(`Could not import the sample capture: ${toUiError(e).message}`, { tone: 'error' });
    } finally {
      setImportingSample(false);
    }
  }, [api, data, show]);

  const importFolder = useCallback(async (path: string, name: string | undefined): Promise<UiError | null> => {
    try {
      const item = await api.importCapture({ path, ...(name ? { name } : {}) });
      show(`Imported “${itemName(item)}”.`, { tone: 'success' });
      data.refreshItems();
      return null;
    } catch (e) {
      return toUiError(e);
    }
  }, [api, data, show]);

  const startJob = useCallback(async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      await api.startJob(spec);
      show('Reconstruction queued — follow it in the job panel.', { tone: 'info' });
      data.refreshJobs();
      return null;
    } catch (e) {
      return toUiError(e);
    }
  }, [api, data, show]);

  const deleteItem = useCallback(async (item: WorkspaceItem) => {
    const name = itemName(item);
    try {
      const entry = await api.deleteItem({ kind: item.kind, id: item.id });
      if (item.id === sceneId) setScreen('gallery');
      data.refreshItems();
      show(`Moved “${name}” to the trash.`, {
        action: {
          label: 'Undo',
          run: async () => {
            try {
              await api.restoreItem({ trashId: entry.trashId });
              show(`Restored “${name}”.`, { tone: 'success' });
              data.refreshItems();
            } catch (e) {
              show(`Could not restore “${name}”: ${toUiError(e).message}`, { tone: 'error' });
            }
          },
        },
      });
    } catch (e) {
      show(`Could not delete “${name}”: ${toUiError(e).message}`, { tone: 'error' });
    }
  }, [api, data, sceneId, show]);

  const jobAction = useCallback(async (action: 'cancel' | 'resume', jobId: string) => {
    try {
      await (action === 'cancel' ? api.cancelJob({ jobId }) : api.resumeJob({ jobId }));
      data.refreshJobs();
    } catch (e) {
      show(`Could not ${action} the job: ${toUiError(e).message}`, { tone: 'error' });
    }
  }, [api, data, show]);

  return (
    <>
      <div className="app" data-testid="app">
        <TopBar
          screen={screen}
          viewerEnabled={scene !== null}
          onScreen={setScreen}
          onImportSample={importSample}
          importingSample={importingSample}
          onImportFolder={() => setImportOpen(true)}
        />
        <main className="app-main" id="main">
          {screen === 'viewer' && scene ? (
            <Suspense fallback={<p className="viewer-loading" aria-busy="true">Loading the viewer…</p>}>
              <ViewerScreen scene={scene} nameOf={nameOf} onBack={() => setScreen('gallery')} />
            </Suspense>
          ) : (
            <Gallery
              items={data.items}
              error={data.itemsError}
              importingSample={importingSample}
              onImportSample={importSample}
              onImportFolder={() => setImportOpen(true)}
              onReconstruct={setReconstructTarget}
              onOpenScene={openScene}
              onDelete={deleteItem}
            />
          )}
        </main>
        <JobPanel
          jobs={data.jobs}
          previews={data.previews}
          nameOf={nameOf}
          onCancel={(id) => jobAction('cancel', id)}
          onResume={(id) => jobAction('resume', id)}
          onOpenScene={openScene}
          isScene={(id) => data.items?.some((i) => i.kind === 'scene' && i.id === id) ?? false}
        />
        <StatusBar info={data.info} error={data.infoError} jobs={data.jobs} />
      </div>
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} onImport={importFolder} />
      <ReconstructDialog capture={reconstructTarget} onClose={() => setReconstructTarget(null)} onStart={startJob} />
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}

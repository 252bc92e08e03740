// The studio window: top bar, gallery or viewer, job panel, status bar, dialogs and toasts.
import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import type { JobSpecInput, StudioApi, WorkspaceItem } from '../../shared';
import { useJobHistory } from '../hooks/use-job-history';
import { useJobNotifications } from '../hooks/use-job-notifications';
import { useStudioData } from '../hooks/use-studio-data';
import { useToasts } from '../hooks/use-toasts';
import { itemName, toUiError } from '../lib';
import type { UiError } from '../lib';
import { FinetuneScreen } from './finetune-screen';
import { useExportActions } from './export-actions';
import { ExportDialog } from './export-dialog';
import { Gallery } from './gallery';
import { preselectGeneratePhoto } from './generate-form';
import { GenerateScreen } from './generate-screen';
import { FrustumDialog } from './frustum-dialog';
import { ImportDialog } from './import-dialog';
import { JobPanel } from './job-panel';
import { PosesDialog } from './poses-dialog';
import { DdrepPictureViewer, isPictureScene } from './ddrep-picture-viewer';
import { ReconstructDialog } from './reconstruct-dialog';
import { StatusBar } from './status-bar';
import { ToastRegion } from './toast-region';
import { TopBar, type Screen } from './top-bar';

// three.js, react-three-fiber and drei load only when a scene is first opened.
const ViewerScreen = lazy(() => import('../viewer/viewer-screen').then((m) => ({ default: m.ViewerScreen })));

export function App({ api }: { api: StudioApi }) {
  const data = useStudioData(api);
  const history = useJobHistory(api, data.jobs);
  const { toasts, show, dismiss } = useToasts();
  const [screen, setScreen] = useState<Screen>('gallery');
  const [sceneId, setSceneId] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [reconstructTarget, setReconstructTarget] = useState<WorkspaceItem | null>(null);
  const [posesTarget, setPosesTarget] = useState<WorkspaceItem | null>(null);
  const [importingSample, setImportingSample] = useState(false);
  const [addingModel, setAddingModel] = useState(false);
  const [camerasFor, setCamerasFor] = useState<WorkspaceItem | null>(null);

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

  const addDefaultModel = useCallback(async () => {
    setAddingModel(true);
    try {
      const item = await api.importDefaultModel({});
      show(`Added “${itemName(item)}” — use it on the Generate tab.`, { tone: 'success' });
      data.refreshItems();
    } catch (e) {
      show(`Could not add the default model: ${toUiError(e).message}`, { tone: 'error' });
    } finally {
      setAddingModel(false);
    }
  }, [api, data, show]);

  const onImported = useCallback((item: WorkspaceItem) => {
    show(`Imported “${itemName(item)}”.`, { tone: 'success' });
    data.refreshItems();
  }, [data, show]);

  const startJob = useCallback(async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      await api.startJob(spec);
      show(`${spec.kind === 'poses' ? 'Pose estimation' : 'Reconstruction'} queued — follow it in the job panel.`, { tone: 'info' });
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

  const renameItem = useCallback(async (item: WorkspaceItem, name: string): Promise<boolean> => {
    try {
      await api.renameItem({ kind: item.kind, id: item.id, name });
      data.refreshItems();
      return true;
    } catch (e) {
      show(`Could not rename “${itemName(item)}”: ${toUiError(e).message}`, { tone: 'error' });
      return false;
    }
  }, [api, data, show]);

  const jobAction = useCallback(async (action: 'cancel' | 'resume', jobId: string) => {
    try {
      await (action === 'cancel' ? api.cancelJob({ jobId }) : api.resumeJob({ jobId }));
      data.refreshJobs();
    } catch (e) {
      show(`Could not ${action} the job: ${toUiError(e).message}`, { tone: 'error' });
    }
  }, [api, data, show]);

  const exports = useExportActions(api, data.items, show);
  const isScene = useCallback((id: string) => data.items?.some((i) => i.kind === 'scene' && i.id === id) ?? false, [data.items]);
  useJobNotifications(data.jobs, {
    show, nameOf, openScene, showExport: exports.showJob, resume: (id) => void jobAction('resume', id),
  });

  const flowProps = { api, data, history, nameOf, onJobAction: jobAction, onOpenScene: openScene, notify: show, onScreen: setScreen };

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
          {screen === 'generate' ? (
            <GenerateScreen {...flowProps} />
          ) : screen === 'finetune' ? (
            <FinetuneScreen {...flowProps} />
          ) : screen === 'viewer' && scene && isPictureScene(scene) ? (
            <DdrepPictureViewer scene={scene} onBack={() => setScreen('gallery')} />
          ) : screen === 'viewer' && scene ? (
            <Suspense fallback={<p className="viewer-loading" aria-busy="true">Loading the viewer…</p>}>
              <ViewerScreen scene={scene} nameOf={nameOf} onBack={() => setScreen('gallery')} onExport={() => exports.open(scene)} />
            </Suspense>
          ) : (
            <Gallery
              items={data.items}
              error={data.itemsError}
              importingSample={importingSample}
              onImportSample={importSample}
              onImportFolder={() => setImportOpen(true)}
              addingModel={addingModel}
              onAddDefaultModel={addDefaultModel}
              onReconstruct={setReconstructTarget}
              onOpenScene={openScene}
              onDelete={deleteItem}
              onCameras={setCamerasFor}
              onGenerate={(item) => { preselectGeneratePhoto(item.id); setScreen('generate'); }}
              onEstimatePoses={setPosesTarget}
              onRename={renameItem}
              onExport={exports.open}
              onSaveFile={exports.saveFile}
            />
          )}
        </main>
        <JobPanel
          jobs={data.jobs}
          previews={data.previews}
          history={history}
          nameOf={nameOf}
          onCancel={(id) => jobAction('cancel', id)}
          onResume={(id) => jobAction('resume', id)}
          onOpenScene={openScene}
          isScene={isScene}
          onShowExport={exports.showJob}
        />
        <StatusBar info={data.info} error={data.infoError} jobs={data.jobs} api={api} />
      </div>
      <ImportDialog open={importOpen} api={api} onClose={() => setImportOpen(false)} onImported={onImported} />
      <FrustumDialog api={api} capture={camerasFor} onClose={() => setCamerasFor(null)} />
      <ReconstructDialog capture={reconstructTarget} onClose={() => setReconstructTarget(null)} onStart={startJob} />
      <PosesDialog capture={posesTarget} onClose={() => setPosesTarget(null)} onStart={startJob} />
      <ExportDialog
        target={exports.target}
        api={api}
        jobs={data.jobs}
        items={data.items}
        onClose={exports.close}
        onStarted={data.refreshJobs}
        onSave={exports.saveFile}
      />
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </>
  );
}

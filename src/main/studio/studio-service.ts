// The Studio service: the one implementation of StudioApi that Electron IPC, web mode and the
// CLI share. Every method parses its argument with the contract's zod schema first.
import { join } from 'node:path';
import { StudioError, parseArgs } from '../../shared';
import type {
  BackendChoice, BackendName, JobRecord, StudioApi, StudioArgs, StudioEvent, StudioMethodName, StudioResult,
} from '../../shared';
import { NodeWorkerHost } from '../engine-host';
import type { EngineHost, Isolation } from '../engine-host';
import { JobManager } from '../jobs';
import { Workspace, acquireWorkspaceLock } from '../workspace';
import { importCaptureFolder } from './import-capture';
import { createCameraCache } from './import-cameras';
import { importCaptureRequest } from './import-upload';
import { appVersion, defaultResourcesDir } from './locate';
import { saveItemFile } from './save-item-file';
import { setSceneCropBox } from './scene-crop';
import type { SaveDialog } from './save-item-file';
import { studioStatus } from './studio-status';

export interface StudioServiceOptions {
  workspaceDir: string;
  backend?: BackendChoice;
  host: 'electron' | 'web';
  concurrency?: number;
  /** Folder holding `sample-capture/` (defaults to the repo's or app's `resources/`). */
  resourcesDir?: string;
  /** Engine host; a NodeWorkerHost by default. */
  engineHost?: EngineHost;
  /** Worker isolation of the default host: 'thread' (default) or 'process' (survives native aborts). */
  isolation?: Isolation;
  /** Runner name -> module URL overriding the built-in runners (tests). */
  runnerModules?: Record<string, string>;
  runnerOptions?: Record<string, unknown>;
  /** Desktop shell: a save dialog for saveItemFile (web mode has none and offers a download instead). */
  saveDialog?: SaveDialog;
}

export type StudioService = StudioApi & {
  readonly workspaceDir: string;
  close(): Promise<void>;
  /** Resolves when the job is succeeded, failed, cancelled or interrupted (CLI, tests). */
  whenJobSettled(jobId: string): Promise<JobRecord>;
};

type Impl = { [M in StudioMethodName]: (args: ReturnType<typeof parseArgs<M>>) => Promise<StudioResult<M>> };

export async function createStudioService(options: StudioServiceOptions): Promise<StudioService> {
  const backend = options.backend ?? 'auto';
  const ws = await Workspace.open(options.workspaceDir);
  const releaseLock = await acquireWorkspaceLock(ws.jobsDir);
  const engineHost = options.engineHost ?? new NodeWorkerHost({ isolation: options.isolation ?? 'thread' });
  const listeners = new Set<(e: StudioEvent) => void>();
  const emit = (e: StudioEvent) => {
    for (const l of listeners) {
      try { l(e); } catch { /* a broken listener never breaks the service */ }
    }
  };
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
  const jobs = await JobManager.open({
    workspace: ws, host: engineHost, backend, concurrency: options.concurrency ?? 1, emit,
    runnerModules: options.runnerModules, runnerOptions: options.runnerOptions, resourcesDir,
  });
  // Probe the backend the workers will use once, in a worker, at start; getInfo awaits it.
  let probe: Promise<{ backend: BackendName; adapter: string }> | null = null;
  const backendInfo = () => {
    probe ??= engineHost.probe(backend);
    probe.catch(() => { probe = null; });
    return probe;
  };
  void backendInfo().catch(() => undefined);
  const version = appVersion();
  const captureCameras = createCameraCache(ws);
  // Loaded on first use: it pulls in the engine's procedural renderer.
  let modelDomains: Promise<import('../generative/model-domain').ModelDomainService> | null = null;
  const domains = () => (modelDomains ??= import('../generative/model-domain').then((m) => m.createModelDomainService(ws, resourcesDir)));

  const impl: Impl = {
    async getInfo() {
      let info;
      try {
        info = await backendInfo();
      } catch (err) {
        throw new StudioError('internal', (err as Error).message);
      }
      return { version, ...info, workspace: ws.dir, host: options.host };
    },
    listItems: async (a) => ws.listItems(a.kind),
    getItem: async (a) => ws.getItem(a.kind, a.id),
    async renameItem(a) {
      const item = await ws.renameItem(a.kind, a.id, a.name);
      emit({ type: 'workspace', kind: a.kind });
      return item;
    },
    async deleteItem(a) {
      const entry = await ws.deleteItem(a.kind, a.id);
      emit({ type: 'workspace', kind: a.kind });
      return entry;
    },
    listTrash: async () => ws.listTrash(),
    async restoreItem(a) {
      const item = await ws.restoreItem(a.trashId);
      emit({ type: 'workspace', kind: item.kind });
      return item;
    },
    async importCapture(a) {
      const item = await importCaptureRequest(ws, a);
      emit({ type: 'workspace', kind: 'capture' });
      return item;
    },
    async importSampleCapture() {
      const item = await importCaptureFolder(ws, join(resourcesDir, 'sample-capture'), 'Sample capture');
      emit({ type: 'workspace', kind: 'capture' });
      return item;
    },
    // Idempotent: the shipped model becomes one workspace item, returned again on later calls.
    async importDefaultModel() {
      const { importDefaultModel } = await import('../generative/default-model');
      const { item, created } = await importDefaultModel(ws, resourcesDir);
      if (created) emit({ type: 'workspace', kind: 'model' });
      return item;
    },
    getModelDomain: async (a) => (a.prior ? (await domains()).getPriorDomain() : (await domains()).getModelDomain(a.modelId)),
    checkPhotoDomain: async (a) => (await domains()).checkPhotoDomain(a.captureId, a.modelId),
    async importDomainExample(a) {
      const { item, created } = await (await domains()).importDomainExample(a.index, a.modelId, a.prior === true);
      if (created) emit({ type: 'workspace', kind: 'capture' });
      return item;
    },
    getCaptureCameras: async (a) => captureCameras(a.id),
    async setSceneCropBox(a) {
      const item = await setSceneCropBox(ws, a.id, a.cropBox);
      emit({ type: 'workspace', kind: 'scene' });
      return item;
    },
    getStatus: async () => studioStatus(),
    saveItemFile: async (a) => saveItemFile(ws, options.saveDialog, a),
    startJob: async (spec) => jobs.start(spec),
    listJobs: async () => jobs.list(),
    cancelJob: async (a) => jobs.cancel(a.jobId),
    resumeJob: async (a) => jobs.resume(a.jobId),
  };

  const call = <M extends StudioMethodName>(method: M) => async (raw: StudioArgs<M>): Promise<StudioResult<M>> => {
    const args = parseArgs(method, raw);
    return impl[method](args as never) as Promise<StudioResult<M>>;
  };
  const api = Object.fromEntries((Object.keys(impl) as StudioMethodName[]).map((m) => [m, call(m)])) as unknown as StudioApi;
  return Object.assign(api, {
    workspaceDir: ws.dir,
    onEvent(listener: (e: StudioEvent) => void) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async close() {
      await jobs.close();
      await engineHost.close();
      await releaseLock();
      listeners.clear();
    },
    whenJobSettled: (jobId: string) => jobs.whenSettled(jobId),
  });
}

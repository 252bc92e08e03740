export { NodeWorkerHost, NODE_WORKER_HOST_DEFAULTS } from './node-worker-host';
export type { NodeWorkerHostOptions, EngineHost, RunHandlers, RunOutcome, RunningTask } from './node-worker-host';
export { resolveWorkerEntry, BUNDLED_WORKER_FILE } from './worker-entry-path';
export type { WorkerEntry } from './worker-entry-path';
export type { WorkerTask, WorkerInit, WorkerToHost, HostToWorker } from './protocol';
export { spawnWorker } from './worker-handle';
export type { Isolation, WorkerHandle, WorkerExit, SpawnOptions } from './worker-handle';

// Messages between NodeWorkerHost and its worker threads (structured clone; no functions).
import type { BackendChoice, BackendName } from '../../shared';
import type { RunnerProgress, RunnerResult } from '../jobs/runners/types';

/** Everything a worker needs to run one job; sent as workerData. */
export interface WorkerTask {
  jobId: string;
  /** Runner name in the dispatcher's registry ('fit', 'export', 'render', ...). */
  runner: string;
  params: unknown;
  backend: BackendChoice;
  jobDir: string;
  stagingDir: string;
  /** Where the preview PNG goes and how progress events name it (workspace-relative). */
  preview?: { file: string; rel: string };
  resumeFrom?: { bytes: Uint8Array; step: number } | null;
  /** Runner name -> module URL, overriding the built-in registry (tests inject runners here). */
  runnerModules?: Record<string, string>;
  runnerOptions?: Record<string, unknown>;
}

export type WorkerInit = { mode: 'run'; task: WorkerTask } | { mode: 'probe'; backend: BackendChoice };

export type WorkerToHost =
  | { type: 'backend'; backend: BackendName; adapter: string }
  | { type: 'progress'; progress: RunnerProgress; preview?: string }
  | { type: 'checkpoint'; step: number; bytes: Uint8Array }
  | { type: 'done'; result: RunnerResult }
  | { type: 'error'; message: string; stack?: string };

export type HostToWorker =
  | { type: 'stop' }
  | { type: 'checkpoint-ack'; step: number; error?: string }
  /** First message to a worker *process* (threads get the init as workerData). */
  | { type: 'init'; init: WorkerInit };

// NodeWorkerHost: runs each job in its own worker (a worker_threads Worker by default, or a child
// process with isolation: 'process') so a throwing, exiting, aborting or out-of-memory worker
// fails only its job. Checkpoints arrive as bytes; the host's handler writes them durably before
// the worker is allowed to continue.
import type { ResourceLimits } from 'node:worker_threads';
import type { BackendChoice, BackendName } from '../../shared';
import type { RunnerProgress, RunnerResult } from '../jobs/runners/types';
import type { WorkerTask, WorkerToHost } from './protocol';
import { spawnWorker } from './worker-handle';
import type { Isolation, WorkerExit, WorkerHandle } from './worker-handle';
import { resolveWorkerEntry } from './worker-entry-path';
import type { WorkerEntry } from './worker-entry-path';

export interface NodeWorkerHostOptions {
  entry: WorkerEntry;
  /** 'thread' (default) or 'process' (also survives native aborts such as a GPU driver crash). */
  isolation: Isolation;
  /** V8 heap limits per worker; exceeding them fails the job with an out-of-memory message. */
  resourceLimits: ResourceLimits;
  /** After a stop request, terminate a worker that has not stopped within this time. */
  stopGraceMs: number;
}
export const NODE_WORKER_HOST_DEFAULTS: Omit<NodeWorkerHostOptions, 'entry'> = {
  isolation: 'thread',
  resourceLimits: { maxOldGenerationSizeMb: 4096 },
  stopGraceMs: 60_000,
};

export interface RunHandlers {
  onBackend?(backend: BackendName, adapter: string): void;
  onProgress?(progress: RunnerProgress, preview?: string): void;
  /** Must resolve only once the checkpoint is durable. */
  onCheckpoint?(bytes: Uint8Array, step: number): Promise<void>;
}

export type RunOutcome =
  | { status: 'succeeded'; result: Extract<RunnerResult, { status: 'succeeded' }> }
  | { status: 'stopped' }
  | { status: 'failed'; error: string };

export interface RunningTask {
  /** Ask the runner to checkpoint and stop (cooperative; terminated after stopGraceMs). */
  stop(): void;
  /** Terminate the worker immediately. */
  kill(): void;
  readonly done: Promise<RunOutcome>;
}

export interface EngineHost {
  run(task: WorkerTask, handlers: RunHandlers): RunningTask;
  probe(choice: BackendChoice): Promise<{ backend: BackendName; adapter: string }>;
  close(): Promise<void>;
}

function describeExit(exit: WorkerExit, heapMb: number | undefined): string {
  if (exit.reason === 'out-of-memory') return `worker ran out of memory (heap limit ${heapMb ?? '?'} MB)`;
  if (exit.reason) return `worker crashed: ${exit.reason}`;
  if (exit.signal) return `worker process was killed by ${exit.signal}${exit.signal === 'SIGABRT' ? ' (native abort)' : ''}`;
  return `worker exited unexpectedly with code ${exit.code}`;
}

export class NodeWorkerHost implements EngineHost {
  readonly options: NodeWorkerHostOptions;
  private readonly live = new Set<WorkerHandle>();

  constructor(options: Partial<NodeWorkerHostOptions> = {}) {
    this.options = { ...NODE_WORKER_HOST_DEFAULTS, entry: resolveWorkerEntry(), ...options };
  }

  private spawn(init: Parameters<typeof spawnWorker>[1], transfer: ArrayBuffer[] = []): WorkerHandle {
    const handle = spawnWorker(this.options, init, transfer);
    this.live.add(handle);
    handle.onExit(() => this.live.delete(handle));
    return handle;
  }

  run(task: WorkerTask, handlers: RunHandlers): RunningTask {
    const transfer = task.resumeFrom && this.options.isolation === 'thread' ? [task.resumeFrom.bytes.buffer as ArrayBuffer] : [];
    const worker = this.spawn({ mode: 'run', task }, transfer);
    let settled = false;
    let stopRequested = false;
    let stopTimer: NodeJS.Timeout | undefined;
    let chain: Promise<void> = Promise.resolve(); // host-side handling, in message order
    let resolveDone!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => { resolveDone = r; });
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(stopTimer);
      // Let pending checkpoint writes complete before the job changes state.
      void chain.then(() => worker.terminate()).finally(() => resolveDone(outcome));
    };
    const send = (m: Parameters<WorkerHandle['post']>[0]) => { if (!settled) worker.post(m); };

    worker.onMessage((m: WorkerToHost) => {
      switch (m.type) {
        case 'backend': handlers.onBackend?.(m.backend, m.adapter); break;
        case 'progress': handlers.onProgress?.(m.progress, m.preview); break;
        case 'checkpoint':
          chain = chain.then(async () => {
            try {
              await handlers.onCheckpoint?.(m.bytes, m.step);
              send({ type: 'checkpoint-ack', step: m.step });
            } catch (err) {
              send({ type: 'checkpoint-ack', step: m.step, error: `checkpoint write failed: ${(err as Error).message}` });
            }
          });
          break;
        case 'done':
          finish(m.result.status === 'stopped' ? { status: 'stopped' } : { status: 'succeeded', result: m.result });
          break;
        case 'error': finish({ status: 'failed', error: m.message }); break;
      }
    });
    worker.onExit((exit) => {
      if (stopRequested && !exit.reason) finish({ status: 'stopped' });
      else finish({ status: 'failed', error: describeExit(exit, this.options.resourceLimits.maxOldGenerationSizeMb) });
    });
    return {
      done,
      stop: () => {
        if (settled || stopRequested) return;
        stopRequested = true;
        send({ type: 'stop' });
        stopTimer = setTimeout(() => worker.terminate(), this.options.stopGraceMs);
      },
      kill: () => worker.terminate(),
    };
  }

  probe(choice: BackendChoice): Promise<{ backend: BackendName; adapter: string }> {
    const worker = this.spawn({ mode: 'probe', backend: choice });
    return new Promise((resolve, reject) => {
      let info: { backend: BackendName; adapter: string } | null = null;
      let error: string | null = null;
      worker.onMessage((m) => {
        if (m.type === 'backend') info = { backend: m.backend, adapter: m.adapter };
        if (m.type === 'error') error = m.message;
        if (info || error) worker.terminate();
      });
      worker.onExit((exit) => {
        if (info) resolve(info);
        else reject(new Error(`backend probe failed: ${error ?? describeExit(exit, this.options.resourceLimits.maxOldGenerationSizeMb)}`));
      });
    });
  }

  async close(): Promise<void> {
    const all = [...this.live];
    await Promise.all(all.map((w) => new Promise<void>((r) => { w.onExit(() => r()); w.terminate(); })));
  }
}

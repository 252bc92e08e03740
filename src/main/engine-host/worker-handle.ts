// One engine worker, as a worker thread (default: cheap, shares the process) or a child
// process (isolation: 'process': survives native aborts, e.g. a GPU driver crash, at the cost
// of a process start). Both speak the same protocol (./protocol) over structured clone.
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { HostToWorker, WorkerInit, WorkerToHost } from './protocol';
import type { WorkerEntry } from './worker-entry-path';

export type Isolation = 'thread' | 'process';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the worker died, when the runtime said so (out of memory, uncaught error). */
  reason?: string;
}

export interface WorkerHandle {
  post(m: HostToWorker): void;
  onMessage(fn: (m: WorkerToHost) => void): void;
  /** Called once when the worker is gone, however it ended. */
  onExit(fn: (exit: WorkerExit) => void): void;
  terminate(): void;
}

export interface SpawnOptions {
  entry: WorkerEntry;
  isolation: Isolation;
  resourceLimits: ResourceLimits;
}

const OOM = /heap out of memory|Reached heap limit|ERR_WORKER_OUT_OF_MEMORY/;

function spawnThread(o: SpawnOptions, init: WorkerInit, transferList: ArrayBuffer[]): WorkerHandle {
  const worker = new Worker(o.entry.url, {
    workerData: { init, __entry: o.entry.tsEntry }, transferList, resourceLimits: o.resourceLimits,
  });
  let reason: string | undefined;
  worker.on('error', (err: Error & { code?: string }) => {
    reason = OOM.test(`${err.code} ${err.message}`) ? 'out-of-memory' : `uncaught error: ${err.message}`;
  });
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (fn) => { worker.on('message', fn); },
    onExit: (fn) => { worker.once('exit', (code) => fn({ code, signal: null, reason })); },
    terminate: () => void worker.terminate(),
  };
}

function spawnProcess(o: SpawnOptions, init: WorkerInit): WorkerHandle {
  const heap = o.resourceLimits.maxOldGenerationSizeMb;
  const child = fork(o.entry.processPath, [], {
    execArgv: [...o.entry.processExecArgv, ...(heap ? [`--max-old-space-size=${heap}`] : [])],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderrTail = '';
  child.stderr?.on('data', (d: Buffer) => {
    process.stderr.write(d);
    stderrTail = (stderrTail + d.toString()).slice(-4096);
  });
  child.send({ type: 'init', init } satisfies HostToWorker);
  return {
    post: (m) => { if (child.connected) child.send(m); },
    onMessage: (fn) => { child.on('message', (m) => fn(m as WorkerToHost)); },
    onExit: (fn) => {
      child.once('exit', (code, signal) => fn({ code, signal, reason: OOM.test(stderrTail) ? 'out-of-memory' : undefined }));
    },
    terminate: () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); },
  };
}

export function spawnWorker(o: SpawnOptions, init: WorkerInit, transferList: ArrayBuffer[] = []): WorkerHandle {
  return o.isolation === 'process' ? spawnProcess(o, init) : spawnThread(o, init, transferList);
}

// Worker entry (thread or child process): pick the backend, load the runner for the task, run
// it, and talk to the host through the protocol in ./protocol. Errors are reported as messages;
// crashes (exit, abort, OOM) are seen by the host through the worker's exit.
import { rename } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { RgbImage } from '../../engine/data/types';
import { loadRunner } from '../jobs/runners/registry';
import type { RunnerContext, RunnerProgress } from '../jobs/runners/types';
import type { HostToWorker, WorkerInit, WorkerTask, WorkerToHost } from './protocol';

interface Channel {
  post(m: WorkerToHost, transfer?: ArrayBuffer[]): void;
  onMessage(fn: (m: HostToWorker) => void): void;
  /** Stop keeping the worker alive once idle. */
  release(): void;
}

function openChannel(): Channel {
  const port = parentPort;
  if (port) {
    return { post: (m, t = []) => port.postMessage(m, t), onMessage: (fn) => { port.on('message', fn); }, release: () => port.unref() };
  }
  if (process.send) {
    return {
      post: (m) => { process.send?.(m); },
      onMessage: (fn) => { process.on('message', (m) => fn(m as HostToWorker)); },
      release: () => process.channel?.unref(),
    };
  }
  throw new Error('worker-entry must run in a worker thread or a forked process');
}

const channel = openChannel();
const post = (m: WorkerToHost, transfer: ArrayBuffer[] = []) => channel.post(m, transfer);

// tfjs's cpu backend prints an "install tfjs-node" banner on first use; it is noise in job logs.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => { if (!String(args[0]).includes('tfjs-node')) warn(...args); };

let stopRequested = false;
const acks = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
channel.onMessage((m) => {
  if (m.type === 'init') void main(m.init);
  else if (m.type === 'stop') stopRequested = true;
  else if (m.type === 'checkpoint-ack') {
    const waiter = acks.get(m.step);
    acks.delete(m.step);
    if (m.error) waiter?.reject(new Error(m.error));
    else waiter?.resolve();
  }
});

async function backend(choice: WorkerTask['backend']) {
  const { selectBackend } = await import('./backend-select');
  const selected = await selectBackend(choice);
  post({ type: 'backend', backend: selected.backend, adapter: selected.adapter });
  return selected;
}

async function writePreview(file: string, img: RgbImage): Promise<void> {
  const { writePng } = await import('../capture-io');
  const tmp = file.replace(/\.png$/, `.tmp-${process.pid}-${Date.now()}.png`);
  await writePng(tmp, img);
  await rename(tmp, file);
}

async function runTask(task: WorkerTask): Promise<void> {
  const { tf, backend: name, adapter } = await backend(task.backend);
  const run = await loadRunner(task.runner, task.runnerModules);
  let previewWrite: Promise<void> | null = null;
  let latest: RunnerProgress | null = null;
  const ctx: RunnerContext = {
    tf, backend: name, adapter,
    params: task.params,
    jobDir: task.jobDir,
    stagingDir: task.stagingDir,
    resumeFrom: task.resumeFrom ?? null,
    options: task.runnerOptions ?? {},
    shouldStop: () => stopRequested,
    progress(p, preview) {
      latest = p;
      post({ type: 'progress', progress: p });
      if (!preview || !task.preview || previewWrite) return;
      // Write the preview off the hot path; once the file is complete, re-send the latest
      // progress naming it (so steps never go backwards).
      const target = task.preview;
      previewWrite = writePreview(target.file, { ...preview, data: preview.data.slice() })
        .then(() => { if (latest) post({ type: 'progress', progress: latest, preview: target.rel }); })
        .catch(() => undefined)
        .finally(() => { previewWrite = null; });
    },
    checkpoint(bytes, step) {
      return new Promise<void>((resolve, reject) => {
        acks.set(step, { resolve, reject });
        const copy = bytes.slice();
        post({ type: 'checkpoint', step, bytes: copy }, [copy.buffer as ArrayBuffer]);
      });
    },
  };
  const result = await run(ctx);
  await previewWrite;
  post({ type: 'done', result });
}

async function main(init: WorkerInit): Promise<void> {
  try {
    if (init.mode === 'probe') await backend(init.backend);
    else await runTask(init.task);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', message: e.message, stack: e.stack });
  } finally {
    channel.release(); // let the worker end once idle; the host terminates it after 'done' anyway
  }
}

if (parentPort) void main((workerData as { init: WorkerInit }).init);

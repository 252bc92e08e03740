// Compute page: waits for its MessagePort (posted by the preload in Electron, or by a test
// harness), then runs each job in its own module Web Worker. One worker per job isolates
// failures (a crashing worker fails only its job) and makes cancel certain (terminate).
import {
  COMPUTE_PORT_MESSAGE, isHostToCompute,
  type ComputeToHost, type HostToCompute, type PageToWorker, type WorkerToPage,
} from '../../shared/compute-protocol';

const CANCEL_GRACE_MS = 5000;
const logElement = document.getElementById('log');

function log(line: string): void {
  if (logElement) logElement.textContent += `${line}\n`;
}

function runJob(port: MessagePort, message: Extract<HostToCompute, { type: 'run' }>, workers: Map<string, Worker>): void {
  const { jobId } = message;
  const send = (m: ComputeToHost) => port.postMessage(m);
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `compute-${jobId}` });
  workers.set(jobId, worker);
  const finish = () => {
    worker.terminate();
    workers.delete(jobId);
  };
  worker.onmessage = (event: MessageEvent<WorkerToPage>) => {
    const m = event.data;
    if (m.type === 'backend') {
      log(`${jobId}: backend ${m.backend} (${m.adapter})`);
      send({ type: 'backend', jobId, backend: m.backend, adapter: m.adapter });
    } else if (m.type === 'progress') {
      send({ type: 'progress', jobId, progress: m.progress });
    } else if (m.type === 'done') {
      log(`${jobId}: ${m.result.status} after ${m.result.steps} steps`);
      finish();
      send({ type: 'done', jobId, result: m.result });
    } else {
      log(`${jobId}: error ${m.message}`);
      finish();
      send({ type: 'error', jobId, message: m.message });
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    finish();
    send({ type: 'error', jobId, message: `worker crashed: ${event.message || 'unknown error'}` });
  };
  const start: PageToWorker = { type: 'run', job: message.job, backend: message.backend };
  worker.postMessage(start);
  log(`${jobId}: started ${message.job.kind}`);
}

function serve(port: MessagePort): void {
  const workers = new Map<string, Worker>();
  port.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isHostToCompute(message)) return;
    if (message.type === 'run') {
      runJob(port, message, workers);
      return;
    }
    const worker = workers.get(message.jobId);
    if (!worker) return;
    worker.postMessage({ type: 'cancel' } satisfies PageToWorker);
    setTimeout(() => {
      if (!workers.has(message.jobId)) return;
      worker.terminate();
      workers.delete(message.jobId);
      port.postMessage({ type: 'error', jobId: message.jobId, message: 'cancelled (worker terminated)' } satisfies ComputeToHost);
    }, CANCEL_GRACE_MS);
  };
  port.start();
  port.postMessage({ type: 'ready' } satisfies ComputeToHost);
  log('compute page ready');
}

let connected = false;
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || connected) return;
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== COMPUTE_PORT_MESSAGE || event.ports.length !== 1) return;
  connected = true;
  serve(event.ports[0]);
});
document.documentElement.dataset.computeReady = 'waiting-for-port';

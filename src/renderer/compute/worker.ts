// Compute worker: runs exactly one job sent by the compute page, on the best backend it can
// start, and reports backend, progress and the result (or an error) back.
import { selectComputeBackend } from './backend';
import type { ComputeProgress, PageToWorker, WorkerToPage } from '../../shared/compute-protocol';
import { runTinyFieldJob } from './tiny-field-job';
import { runVolumeFitJob } from './volume-fit-job';

const scope = self as unknown as {
  postMessage(m: WorkerToPage): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
};
let stop = false;
let started = false;

async function run(message: Extract<PageToWorker, { type: 'run' }>): Promise<void> {
  try {
    const { tf, backend, adapter } = await selectComputeBackend(message.backend);
    scope.postMessage({ type: 'backend', backend, adapter });
    const hooks = {
      progress: (progress: ComputeProgress) => scope.postMessage({ type: 'progress', progress }),
      shouldStop: () => stop,
    };
    const job = message.job;
    let result;
    if (job.kind === 'tiny-field') result = await runTinyFieldJob(tf, job, hooks);
    else if (job.kind === 'volume-fit') result = await runVolumeFitJob(tf, job, hooks);
    else throw new Error(`unknown compute job kind "${String((job as { kind: unknown }).kind)}"`);
    scope.postMessage({ type: 'done', result: { ...result, backend, adapter } });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') stop = true;
  else if (message.type === 'run' && !started) {
    started = true;
    void run(message);
  }
};

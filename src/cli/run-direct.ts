// Run one runner against folders (no workspace) in a worker, with a progress bar and Ctrl-C:
// the first Ctrl-C asks the runner to stop, the second terminates the worker.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { makeRunFolder, removeDeadRunFolders } from '../main/workspace';
import type { BackendChoice } from '../shared';
import { NodeWorkerHost } from '../main/engine-host';
import type { RunnerResult } from '../main/jobs';
import { ProgressBar } from './progress';
import type { Log } from './log';

export interface DirectRun {
  runner: string;
  params: unknown;
  backend: BackendChoice;
  /** Where outputs are staged; put it on the same filesystem as the final destination. */
  stagingDir: string;
  label: string;
  log: Log;
  /** Continue from this checkpoint (see resume-file.ts). */
  resumeFrom?: { bytes: Uint8Array; step: number } | null;
  /** Persist the runner's checkpoints; must resolve once durable. */
  onCheckpoint?: (bytes: Uint8Array, step: number) => Promise<void>;
}

export type DirectResult = Extract<RunnerResult, { status: 'succeeded' }> & { backend: string; seconds: number };

export class RunFailed extends Error {}

export async function runDirect(run: DirectRun): Promise<DirectResult> {
  await removeDeadRunFolders(tmpdir(), 'parallax-job-');
  const jobDir = await makeRunFolder(tmpdir(), 'parallax-job-');
  const host = new NodeWorkerHost();
  const bar = new ProgressBar(run.label);
  let backend = '';
  const started = Date.now();
  const task = host.run({
    jobId: 'job-cli', runner: run.runner, params: run.params, backend: run.backend, jobDir, stagingDir: run.stagingDir,
    resumeFrom: run.resumeFrom ?? null,
  }, {
    onCheckpoint: run.onCheckpoint,
    onBackend: (b, adapter) => { backend = `${b} (${adapter})`; run.log.info(`backend: ${backend}`); },
    onProgress: (p) => bar.update(p),
  });
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) {
      bar.done();
      run.log.info('stopping… (Ctrl-C again to abort now)');
      task.stop();
    } else task.kill();
  };
  process.on('SIGINT', onSigint);
  try {
    const outcome = await task.done;
    bar.done();
    if (outcome.status === 'failed') throw new RunFailed(`${run.label} failed: ${outcome.error}`);
    if (outcome.status === 'stopped') {
      throw new RunFailed(run.onCheckpoint
        ? `${run.label} stopped before finishing; run the same command again to resume from the last checkpoint`
        : `${run.label} stopped before finishing; nothing was written`);
    }
    return { ...outcome.result, backend, seconds: (Date.now() - started) / 1000 };
  } finally {
    process.off('SIGINT', onSigint);
    await host.close();
    await rm(jobDir, { recursive: true, force: true });
  }
}

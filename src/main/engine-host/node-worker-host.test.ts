import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerHost } from './node-worker-host';
import type { WorkerTask } from './protocol';

const TINY = new URL('../jobs/testing/tiny-fit-runner.ts', import.meta.url).href;
let dir = '';
const host = new NodeWorkerHost({ resourceLimits: { maxOldGenerationSizeMb: 256 } });
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'px-host-')); });
afterAll(async () => { await host.close(); await rm(dir, { recursive: true, force: true }); });

async function task(name: string, options: Record<string, unknown>, runner = 'fit'): Promise<WorkerTask> {
  const jobDir = join(dir, name);
  await mkdir(join(jobDir, 'staging'), { recursive: true });
  return {
    jobId: `job-${name}`, runner, params: {}, backend: 'cpu', jobDir, stagingDir: join(jobDir, 'staging'),
    runnerModules: { fit: TINY }, runnerOptions: options,
  };
}

describe('NodeWorkerHost', () => {
  it('runs a real tfjs optimisation with progress and checkpoints', async () => {
    const steps: number[] = [];
    const losses: number[] = [];
    let backend = '';
    const run = host.run(await task('ok', { steps: 30, checkpointEvery: 10 }), {
      onBackend: (b) => { backend = b; },
      onProgress: (p) => losses.push(p.losses.loss),
      onCheckpoint: async (_bytes, step) => { steps.push(step); },
    });
    const outcome = await run.done;
    expect(outcome.status).toBe('succeeded');
    expect(backend).toBe('cpu');
    expect(steps).toEqual([10, 20, 30]);
    expect(losses).toHaveLength(30);
    expect(losses[29]).toBeLessThan(losses[0]); // it really optimised
  });

  it('a runner that throws fails with its message', async () => {
    const outcome = await host.run(await task('throw', { fail: 'throw', failAtStep: 3 }), {}).done;
    expect(outcome).toEqual({ status: 'failed', error: 'tiny-fit: deliberate failure at step 3' });
  });

  it('a worker that calls process.exit fails its job', async () => {
    const outcome = await host.run(await task('exit', { fail: 'exit', failAtStep: 2 }), {}).done;
    expect(outcome).toEqual({ status: 'failed', error: 'worker exited unexpectedly with code 7' });
  });

  it('a worker that runs out of memory fails its job and the host goes on', async () => {
    const outcome = await host.run(await task('oom', { fail: 'oom', failAtStep: 1 }), {}).done;
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(/out of memory/);
    const after = await host.run(await task('after', { steps: 3 }), {}).done;
    expect(after.status).toBe('succeeded');
  });

  it('an unknown runner fails its job with a message naming it', async () => {
    const outcome = await host.run(await task('nope', {}, 'no-such-kind'), {}).done;
    expect(outcome.status === 'failed' && outcome.error).toMatch(/unknown job runner "no-such-kind"/);
  });

  it('stop makes the runner checkpoint and return', async () => {
    const steps: number[] = [];
    const run = host.run(await task('stop', { steps: 1000, checkpointEvery: 1000, stepDelayMs: 5 }), {
      onProgress: (p) => { if (p.step === 5) run.stop(); },
      onCheckpoint: async (_b, step) => { steps.push(step); },
    });
    expect((await run.done).status).toBe('stopped');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toBeGreaterThanOrEqual(5);
  });

  it('probes the backend in a worker', async () => {
    expect(await host.probe('cpu')).toEqual({ backend: 'cpu', adapter: 'JavaScript CPU' });
  });

  it('in a worker thread, process.abort() is refused and fails only the job', async () => {
    const outcome = await host.run(await task('abort-thread', { fail: 'abort', failAtStep: 1 }), {}).done;
    expect(outcome.status === 'failed' && outcome.error).toMatch(/process.abort\(\) is not supported in workers/);
  });
});

describe('NodeWorkerHost with process isolation', () => {
  const proc = new NodeWorkerHost({ isolation: 'process', resourceLimits: { maxOldGenerationSizeMb: 256 } });
  afterAll(() => proc.close());

  it('runs, checkpoints and resumes from checkpoint bytes', async () => {
    let bytes: Uint8Array | null = null;
    const first = proc.run(await task('p-first', { steps: 10, checkpointEvery: 5 }), {
      onCheckpoint: async (b, step) => { if (step === 5) bytes = b; },
    });
    expect((await first.done).status).toBe('succeeded');
    expect(bytes).not.toBeNull();
    const resumed = await proc.run({ ...(await task('p-resume', { steps: 8 })), resumeFrom: { bytes: bytes!, step: 5 } }, {}).done;
    expect(resumed.status === 'succeeded' && resumed.result.summary?.resumedFrom).toBe(5);
  });

  it('a native abort fails only its job', async () => {
    const outcome = await proc.run(await task('p-abort', { fail: 'abort', failAtStep: 2 }), {}).done;
    expect(outcome).toEqual({ status: 'failed', error: 'worker process was killed by SIGABRT (native abort)' });
  });

  it('running out of memory fails the job with a clear message', async () => {
    const outcome = await proc.run(await task('p-oom', { fail: 'oom', failAtStep: 1 }), {}).done;
    expect(outcome).toEqual({ status: 'failed', error: 'worker ran out of memory (heap limit 256 MB)' });
  });
});

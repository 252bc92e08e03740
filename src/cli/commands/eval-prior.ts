// parallax eval-prior --rep siren|panorama [--json] [--n N] [--guidance w] [--seed s] ... (eval-prior-flags.ts)
// 1. `workers` eval-prior-samples runners at once, each in its own worker (NodeWorkerHost), each drawing one
//    shard of the plan (src/engine/eval/prior-eval/plan.ts); one progress line sums them. Ctrl-C stops them all.
// 2. the eval-prior runner scores every shard's samples (runDirect), writing report.json.
// 3. the report: one JSON object on stdout with --json (the table on stderr), else the table on stdout.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPriorEvalTable, type PriorEvalReport } from '../../engine/eval/prior-eval';
import { NodeWorkerHost } from '../../main/engine-host';
import type { RunnerProgress } from '../../main/jobs';
import { CONTACT_SHEET, EVAL_PRIOR_DIR } from '../../main/jobs/runners/eval-prior';
import { EVAL_PRIOR_SAMPLES_DIR } from '../../main/jobs/runners/eval-prior-samples';
import type { Log } from '../log';
import { formatDuration, ProgressBar } from '../progress';
import { RunFailed, runDirect } from '../run-direct';
import { EVAL_PRIOR_HELP, evalPriorFromFlags } from './eval-prior-flags';

/** Run the sample shards in parallel; returns their staging folders' sample dirs. */
async function drawSamples(root: string, f: ReturnType<typeof evalPriorFromFlags>, log: Log): Promise<{ dirs: string[]; backend: string }> {
  const host = new NodeWorkerHost();
  const bar = new ProgressBar(`eval-prior ${f.params.rep} samples (${f.workers} workers)`);
  const progress: RunnerProgress[] = [];
  let backend = '';
  const { sampleDirs: _dirs, featuresFile: _features, references: _refs, referenceSeed: _seed, ...sampleParams } = f.params;
  const running = await Promise.all(Array.from({ length: f.workers }, async (_, k) => {
    const jobDir = join(root, `job-${k}`);
    const stagingDir = join(root, `samples-${k}`);
    await mkdir(jobDir, { recursive: true });
    await mkdir(stagingDir, { recursive: true });
    const task = host.run({
      jobId: `eval-prior-${k}`, runner: 'eval-prior-samples', params: { ...sampleParams, shard: { index: k, count: f.workers } },
      backend: f.backend, jobDir, stagingDir, resumeFrom: null,
    }, {
      onBackend: (b, adapter) => { if (!backend) { backend = `${b} (${adapter})`; log.info(`backend: ${backend}`); } },
      onProgress: (p) => {
        progress[k] = p;
        const all = progress.filter(Boolean);
        const step = all.reduce((a, q) => a + q.step, 0);
        const total = all.reduce((a, q) => a + q.total, 0);
        const etas = all.map((q) => q.etaSeconds).filter((e): e is number => e !== null);
        bar.update({ step, total, losses: {}, etaSeconds: etas.length === f.workers ? Math.max(...etas) : null, message: all.map((q) => q.message).join(' | ') });
      },
    });
    return { task, dir: join(stagingDir, EVAL_PRIOR_SAMPLES_DIR) };
  }));
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    bar.done();
    if (interrupts === 1) { log.info('stopping… (Ctrl-C again to abort now)'); running.forEach((r) => r.task.stop()); } else running.forEach((r) => r.task.kill());
  };
  process.on('SIGINT', onSigint);
  try {
    const outcomes = await Promise.all(running.map((r) => r.task.done));
    bar.done();
    outcomes.forEach((o, k) => {
      if (o.status === 'failed') throw new RunFailed(`eval-prior samples (worker ${k}) failed: ${o.error}`);
      if (o.status === 'stopped') throw new RunFailed('eval-prior stopped before finishing; nothing was written');
    });
    return { dirs: running.map((r) => r.dir), backend };
  } finally {
    process.off('SIGINT', onSigint);
    await host.close();
  }
}

export async function evalPriorCommand(argv: string[], log: Log): Promise<number> {
  const f = evalPriorFromFlags(argv);
  if (f.help) { log.result(EVAL_PRIOR_HELP); return 0; }
  const started = Date.now();
  const root = await mkdtemp(join(tmpdir(), 'parallax-eval-prior-'));
  try {
    const { dirs, backend } = await drawSamples(root, f, log);
    const sampled = (Date.now() - started) / 1000;
    const staging = join(root, 'metrics');
    await mkdir(staging, { recursive: true });
    await runDirect({ runner: 'eval-prior', params: { ...f.params, sampleDirs: dirs }, backend: f.backend, stagingDir: staging, label: 'eval-prior metrics', log });
    const reportFile = join(staging, EVAL_PRIOR_DIR, 'report.json');
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as PriorEvalReport;
    const wallSeconds = (Date.now() - started) / 1000;
    report.settings = { ...report.settings, workers: f.workers, wallSeconds, samplingSeconds: sampled, sampleBackend: backend };
    if (f.out) {
      await mkdir(f.out, { recursive: true });
      await writeFile(join(f.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      await cp(join(staging, EVAL_PRIOR_DIR, CONTACT_SHEET), join(f.out, CONTACT_SHEET));
      for (const [k, d] of dirs.entries()) await cp(d, join(f.out, `samples-${k}`), { recursive: true });
    }
    const table = `${formatPriorEvalTable(report)}\n(${f.workers} workers, ${formatDuration(wallSeconds)} in all, ${backend})`;
    if (f.json) { log.info(table); log.result(JSON.stringify(report)); } else log.result(table);
    return 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

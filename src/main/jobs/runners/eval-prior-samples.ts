// Runner `eval-prior-samples`: one worker's shard of eval-prior's samples (issue 17).
//   1. load the prior; the held-out conditions (prior/data.ts heldOutImages, split 'test', one view per scene,
//      seed conditionSeed); the plan's tasks and this worker's shard of them (engine/eval/prior-eval/plan.ts)
//   2. run each task (engine/eval/prior-eval/sample.ts), with a progress event per task; rep field: a kernel
//      pool with this worker's share of the cores runs the voxel fits
//   3. write <stagingDir>/eval-prior-samples/shard-<k>.f32 (the scored images [N, S, S, 3] in [-1, 1],
//      little-endian float32, in the order of the records) and shard-<k>.json (records, settings)
// `parallax eval-prior` runs several of these at once (one per core), then the `eval-prior` runner scores them.
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  conditionCount, planTasks, PRIOR_EVAL_REPS, runPriorEvalTask, shardTasks, type PriorEvalPlanOptions, type PriorEvalRep, type PriorEvalSampleRecord,
} from '../../../engine/eval/prior-eval';
import { disposePriorModel, heldOutImages, imagePrior, loadPriorModelFile } from '../../../engine/prior';
import { NodeKernelPool, defaultThreads } from '../../engine-host/node-kernel-pool';
import { yieldToEventLoop } from '../../generative';
import { writeFileAtomic } from '../../workspace';
import { DDREP_REPS } from './ddrep-params';
import { estimatedCosts, EvalPriorParamsSchema, resolveEvalMethods, type ResolvedEvalPriorParams } from './eval-prior-params';
import type { Runner } from './types';

export const EVAL_PRIOR_SAMPLES_DIR = 'eval-prior-samples';

export interface EvalPriorShardFile {
  shard: { index: number; count: number };
  rep: string;
  size: number;
  records: PriorEvalSampleRecord[];
  seconds: number;
  backend: string;
}

export function planOf(p: ResolvedEvalPriorParams): PriorEvalPlanOptions {
  return { samples: p.samples, seedsPerCondition: p.seedsPerCondition, priorSamples: p.priorSamples, seed: p.seed, conditionSeed: p.conditionSeed };
}

/** The rep as the eval sampler knows it, or a clear error for a rep `parallax ddrep` has but eval-prior does not yet. */
export function evalRep(rep: string): PriorEvalRep {
  if (!(PRIOR_EVAL_REPS as readonly string[]).includes(rep)) {
    throw new Error(`eval-prior: rep "${rep}" has no eval sampler (src/engine/eval/prior-eval/sample.ts handles ${PRIOR_EVAL_REPS.join(', ')}; `
      + `\`parallax ddrep\` has ${DDREP_REPS.join(', ')})`);
  }
  return rep as PriorEvalRep;
}

export const run: Runner = async (ctx) => {
  const p = EvalPriorParamsSchema.parse(ctx.params);
  const { tf } = ctx;
  const rep = evalRep(p.rep);
  if (p.shard.index >= p.shard.count) throw new Error(`eval-prior-samples: shard.index ${p.shard.index} must be < shard.count ${p.shard.count}`);
  const modelFile = resolve(p.modelFile);
  if (!existsSync(modelFile)) throw new Error(`eval-prior-samples: model file not found: ${modelFile}`);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'loading the prior' });
  const loaded = loadPriorModelFile(tf, new Uint8Array(await readFile(modelFile)), modelFile);
  // A field's fit kernels run on a pool: this worker's share of the cores (the shards run side by side).
  const threads = rep === 'field' ? Math.max(1, Math.floor(defaultThreads() / p.shard.count)) : 1;
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  try {
    const size = loaded.model.config.unet.imageSize;
    const plan = planOf(p);
    const configs = resolveEvalMethods(p);
    const conditions = heldOutImages(conditionCount(plan), plan.conditionSeed, { viewsPerScene: 1, resolution: size }).conds;
    const tasks = shardTasks(planTasks(plan, p.methods, estimatedCosts(p, configs)), p.shard.count)[p.shard.index];
    const prior = imagePrior(loaded.model);
    const total = tasks.reduce((a, t) => a + t.cost, 0);
    const started = Date.now();
    const records: PriorEvalSampleRecord[] = [];
    const chunks: Float32Array[] = [];
    let done = 0;
    for (const task of tasks) {
      if (ctx.shouldStop()) return { status: 'stopped' };
      ctx.progress({
        step: Math.round(done), total: Math.round(total), losses: {},
        etaSeconds: done > 0 ? ((Date.now() - started) / 1000 / done) * (total - done) : null,
        message: `${task.method} ${task.count > 1 ? `samples ${task.index}-${task.index + task.count - 1}` : `sample ${task.index}`}`,
      });
      await yieldToEventLoop();
      const out = await runPriorEvalTask(tf, prior, task, { rep, size, conditions, plan, configs, pool });
      records.push(...out.records);
      chunks.push(out.images);
      done += task.cost;
    }
    const outDir = join(ctx.stagingDir, EVAL_PRIOR_SAMPLES_DIR);
    await mkdir(outDir, { recursive: true });
    const images = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
    let at = 0;
    for (const c of chunks) { images.set(c, at); at += c.length; }
    const name = `shard-${p.shard.index}`;
    await writeFileAtomic(join(outDir, `${name}.f32`), new Uint8Array(images.buffer, images.byteOffset, images.byteLength));
    const file: EvalPriorShardFile = { shard: p.shard, rep, size, records, seconds: (Date.now() - started) / 1000, backend: ctx.backend };
    await writeFileAtomic(join(outDir, `${name}.json`), new TextEncoder().encode(`${JSON.stringify(file)}\n`));
    return {
      status: 'succeeded',
      summary: { samples: records.length, seconds: file.seconds },
      outputs: [{ kind: 'export', name: `eval-prior samples, shard ${p.shard.index}`, dir: EVAL_PRIOR_SAMPLES_DIR, fields: { files: [`${name}.f32`, `${name}.json`] } }],
    };
  } finally {
    disposePriorModel(loaded.model);
    await pool?.dispose();
  }
};

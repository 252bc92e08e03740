// One eval-prior task (plan.ts): a sample of a method at its held-out condition, reduced to the image
// that is scored, [S, S, 3] in [-1, 1].
//   siren:    a SIREN image conditioned on the held-out view [sin az, cos az, elevation]; the image is scored.
//   panorama: a wrap-around canvas [S, W S, 3] (W windows, as the `ddrep` runner builds it) whose windows are
//             conditioned on their centre azimuth (elevation: the adapter's 17.5 deg); the window centred
//             nearest the held-out azimuth is scored, and the prior's own samples are conditioned on exactly
//             that window's condition (panoramaCondition). The host picks DDRep's settings (the eval-prior
//             runner: the canvas's exact closed-form fit and one RePaint step per reverse step, as `ddrep` does).
//   field:    the studio's voxel field (ddrep/field.ts) sampled through its 16 fixed views of the prior's rig;
//             the scored image is its render at the held-out camera (azimuth and elevation of the group's
//             held-out render), a view never used while sampling; the prior's own samples are conditioned on
//             that same view. Each record keeps the condition, so the host can measure viewConsistency.
// The prior's own samples: DDIM with guidance (prior/sample.ts), PRIOR_CHUNK images per batched run.
// The paired prior's sample i (plan.ts; siren only): DDRep on a pixel grid with DDRep's config, seed and condition
//   and the exact closed-form solve, i.e. image-space DDIM from the very noise DDRep's sample i starts from.
import {
  canvasPanorama, fieldView, pixelGrid, sampleDdrep, sampleSds, sampleSjc, siren, voxelField,
  type DdrepConfig, type FieldConfig, type Prior, type SdsConfig, type SjcConfig, type SirenConfig,
} from '../../ddrep';
import type { KernelPool } from '../../parallel/kernel-pool';
import { hashSeed } from '../../data/procedural/prng';
import { PRIOR_ADAPTER_DEFAULTS, priorCondition, samplePrior, type PriorSampleOptions } from '../../prior';
import type { Tf, Tensor } from '../../tf';
import { PAIRED_REPS, groupOf, type PriorEvalPlanOptions, type PriorEvalTask } from './plan';

export const PRIOR_EVAL_REPS = ['siren', 'panorama', 'field'] as const;
export type PriorEvalRep = (typeof PRIOR_EVAL_REPS)[number];

export interface PriorEvalMethodConfigs {
  prior: Partial<Omit<PriorSampleOptions, 'seed' | 'size'>>;
  ddrep: Partial<DdrepConfig>;
  sds: Partial<SdsConfig>;
  sjc: Partial<SjcConfig>;
  /** SIREN structure (size, seed and condition are set per sample). */
  siren: Partial<Omit<SirenConfig, 'height' | 'width' | 'seed' | 'cond'>>;
  /** Panorama canvas width in windows. */
  panoramaWindows: number;
  /** Voxel field structure (size and seed are set per sample). */
  field: Partial<Omit<FieldConfig, 'kind' | 'size' | 'seed'>>;
}

export interface PriorEvalSampleRecord {
  method: PriorEvalTask['method'];
  /** Sample index within the method. */
  index: number;
  group: number;
  /** The condition [sin az, cos az, elevation] the scored image was asked for (sampleCondition). */
  condition: number[];
  seed: number;
  /** Wall seconds of this sample (a prior chunk's time is split evenly over its images). */
  seconds: number;
  denoiserCalls: number;
  /** DDRep: inner Adam iterations over the run; else null. */
  innerIterations: number | null;
  /** DDRep: unachieved fraction of the last step's fit, and the median over steps; else null. */
  unachievedLast: number | null;
  unachievedMedian: number | null;
}

export interface PriorEvalTaskContext {
  rep: PriorEvalRep;
  /** Image size S of the prior. */
  size: number;
  /** Held-out conditions, one per group ([sin az, cos az, elevation]). */
  conditions: readonly (readonly number[])[];
  plan: PriorEvalPlanOptions;
  configs: PriorEvalMethodConfigs;
  /** Runs the voxel field's fit kernels (rep 'field'; host-provided threads). */
  pool?: KernelPool;
}

const FILE = 'src/engine/eval/prior-eval/sample.ts';

/** First column of the panorama window whose centre azimuth is nearest `azimuth` (rad). */
export function panoramaOffset(azimuth: number, size: number, windows: number): number {
  const wc = size * windows;
  const turns = ((azimuth / (2 * Math.PI)) % 1 + 1) % 1;
  return ((Math.round(turns * wc - size / 2) % wc) + wc) % wc;
}

/** The condition the scored panorama window carries (its centre azimuth, the adapter's elevation). */
export function panoramaCondition(offset: number, size: number, windows: number): number[] {
  const az = (2 * Math.PI * (offset + size / 2)) / (size * windows);
  return priorCondition(PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly, az);
}

/** The condition a sample of group g is drawn (and the prior's own sample conditioned) at. */
export function sampleCondition(ctx: PriorEvalTaskContext, group: number): number[] {
  const c = ctx.conditions[group];
  if (!c || c.length !== 3) throw new Error(`${FILE}: no held-out condition for group ${group} (have ${ctx.conditions.length})`);
  if (ctx.rep === 'siren' || ctx.rep === 'field') return [...c];
  return panoramaCondition(panoramaOffset(Math.atan2(c[0], c[1]), ctx.size, ctx.configs.panoramaWindows), ctx.size, ctx.configs.panoramaWindows);
}

const median = (v: number[]): number | null => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

/** DDRep's config with the pixel grid's exact solve: the paired prior's sampler (same seed, so the same noise). */
export function pairedConfig(ddrep: Partial<DdrepConfig>, seed: number): Partial<DdrepConfig> {
  return { ...ddrep, seed, inner: { solver: 'closed-form', iterations: 0, lr: null } };
}

type SampledMethod = Exclude<PriorEvalTask['method'], 'prior'>;

async function oneSample(tf: Tf, prior: Prior, method: SampledMethod, i: number, ctx: PriorEvalTaskContext): Promise<{ image: Float32Array; record: PriorEvalSampleRecord }> {
  const group = groupOf(i, ctx.plan.seedsPerCondition);
  const seed = ctx.plan.seed + i;
  const cond = sampleCondition(ctx, group);
  const S = ctx.size;
  const W = ctx.configs.panoramaWindows;
  let rep; let scored: () => Tensor;
  if (method === 'paired') {
    if (!PAIRED_REPS.includes(ctx.rep)) throw new Error(`${FILE}: the paired prior needs a rep with a pixel-grid twin (${PAIRED_REPS.join(', ')}), got ${ctx.rep}`);
    const g = pixelGrid(tf, { height: S, width: S, cond });
    rep = g;
    scored = () => g.render(g.sampleViews(() => 0, 1)[0]);
  } else if (ctx.rep === 'siren') {
    const r = siren(tf, { ...ctx.configs.siren, height: S, width: S, seed: hashSeed(seed, 0x51e), cond });
    rep = r;
    scored = () => r.render(r.sampleViews(() => 0, 1)[0]);
  } else if (ctx.rep === 'field') {
    const f = voxelField(tf, { ...ctx.configs.field, size: S, seed: hashSeed(seed, 0xf1e) }, { pool: ctx.pool });
    const heldOut = fieldView(f.config, Math.atan2(cond[0], cond[1]), cond[2]);
    rep = f;
    scored = () => f.render(heldOut);
  } else {
    const p = canvasPanorama(tf, { height: S, canvasWidth: W * S, viewWidth: S, conditionOnAzimuth: true });
    const view = p.viewAt(panoramaOffset(Math.atan2(cond[0], cond[1]), S, W));
    rep = p;
    scored = () => p.render(view);
  }
  const unachieved: number[] = [];
  let inner = 0;
  try {
    const onStep = (s: { unachieved: number; innerIterations?: number }) => { unachieved.push(s.unachieved); inner += s.innerIterations ?? 0; };
    const stats = method === 'paired'
      ? await sampleDdrep(tf, rep as never, prior, pairedConfig(ctx.configs.ddrep, seed))
      : method === 'ddrep'
      ? await sampleDdrep(tf, rep as never, prior, { ...ctx.configs.ddrep, seed }, { onStep })
      : method === 'sds'
        ? await sampleSds(tf, rep as never, prior, { ...ctx.configs.sds, seed })
        : await sampleSjc(tf, rep as never, prior, { ...ctx.configs.sjc, seed });
    const img = tf.tidy(scored);
    const image = img.dataSync() as Float32Array;
    img.dispose();
    const isDdrep = method === 'ddrep';
    return {
      image,
      record: {
        method, index: i, group, condition: cond, seed, seconds: stats.seconds, denoiserCalls: stats.denoiserCalls,
        innerIterations: isDdrep && ctx.rep !== 'panorama' ? inner : null,
        unachievedLast: isDdrep ? (unachieved.length ? unachieved[unachieved.length - 1] : null) : null,
        unachievedMedian: isDdrep ? median(unachieved) : null,
      },
    };
  } finally {
    rep.dispose();
  }
}

/** Run one task; images [count, S, S, 3] in [-1, 1] in sample order, one record per sample. */
export async function runPriorEvalTask(tf: Tf, prior: Prior, task: PriorEvalTask, ctx: PriorEvalTaskContext): Promise<{ images: Float32Array; records: PriorEvalSampleRecord[] }> {
  const px = ctx.size * ctx.size * 3;
  if (task.method !== 'prior') {
    if (task.count !== 1) throw new Error(`${FILE}: a ${task.method} task holds one sample, got count ${task.count}`);
    const { image, record } = await oneSample(tf, prior, task.method, task.index, ctx);
    if (image.length !== px) throw new Error(`${FILE}: ${task.method} sample ${task.index} has ${image.length} values, expected ${px}`);
    return { images: image, records: [record] };
  }
  const idx = Array.from({ length: task.count }, (_, k) => task.index + k);
  const groups = idx.map((i) => groupOf(i, ctx.plan.seedsPerCondition));
  const conds = groups.map((g) => sampleCondition(ctx, g));
  const seed = hashSeed(ctx.plan.seed, task.index, 0x9a1);
  const t0 = Date.now();
  let calls = 0;
  const counting: Prior = { schedule: prior.schedule, prediction: prior.prediction, denoise: (x, t, c) => { calls++; return prior.denoise(x, t, c); } };
  const x = await samplePrior(tf, counting, conds, { ...ctx.configs.prior, seed, size: ctx.size });
  const images = x.dataSync() as Float32Array;
  x.dispose();
  const seconds = (Date.now() - t0) / 1000 / task.count;
  // One batched call serves every image of the chunk: each image accounts for the calls made (the count a
  // one-image run would make).
  const records = idx.map((i, k): PriorEvalSampleRecord => ({
    method: 'prior', index: i, group: groups[k], condition: conds[k], seed, seconds, denoiserCalls: calls,
    innerIterations: null, unachievedLast: null, unachievedMedian: null,
  }));
  return { images, records };
}

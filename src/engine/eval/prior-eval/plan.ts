// The plan of `parallax eval-prior` (issue 17): which samples each method draws, at which held-out conditions
// and seeds, and how the work is split over parallel workers.
//
// Layout (every method draws the same n samples, so their figures compare like with like):
//   n = conditions x seedsPerCondition; sample i has condition group g = floor(i / seedsPerCondition) and
//   seed seed + i. The group's condition is the view [sin az, cos az, elevation] of a held-out render
//   (prior/data.ts heldOutImages, split 'test', one view per scene, drawn with conditionSeed, a different
//   draw from the KID reference renders). Several seeds per condition are what "diversity across seeds"
//   needs (a fixed condition, different seeds: paper Fig. 4); several conditions keep KID's sample spread
//   over the view distribution.
// The prior's own samples: `priorSamples` (issue: 200) in the same layout; the first n of them are exactly
//   the methods' n (same conditions, same groups), so the report can give the prior's figures both on its
//   200 samples and matched to the methods' n. They are drawn in chunks of PRIOR_CHUNK images, one batched
//   DDIM run per chunk with its own seed, so the result does not depend on the number of workers.
// Sharding: tasks carry an estimated cost; shards are filled longest-task-first into the least-loaded
//   worker (LPT scheduling), deterministic for a given plan and worker count.
// The paired prior ('paired', rep siren only): the prior's own DDIM samples drawn from exactly the noise DDRep's
//   sample i uses (a pixel-grid DDRep run with the same seed, condition and sampler: by the exactness test that
//   *is* image-space DDIM). DDRep's sample i and paired sample i differ only by what the SIREN and its inner
//   fit cost, so their KIDs compare without the spread of drawing different noise (notes: "paired fidelity").
export const PRIOR_EVAL_METHODS = ['prior', 'paired', 'ddrep', 'sds', 'sjc'] as const;
export type PriorEvalMethod = (typeof PRIOR_EVAL_METHODS)[number];

/** Methods that need a rep whose DDRep has a pixel-grid twin (one view, the image itself): only the SIREN. */
export const PAIRED_REPS: readonly string[] = ['siren'];

/** The methods eval-prior runs when none are named: all of them, 'paired' only where the rep has a twin. */
export function defaultPriorEvalMethods(rep: string): PriorEvalMethod[] {
  return PRIOR_EVAL_METHODS.filter((m) => m !== 'paired' || PAIRED_REPS.includes(rep));
}

/** Images per batched DDIM run of the prior's own samples. */
export const PRIOR_CHUNK = 25;

export interface PriorEvalPlanOptions {
  /** Samples per method (DDRep, SDS, SJC), n. */
  samples: number;
  seedsPerCondition: number;
  /** The prior's own samples (issue 17: 200). At least `samples`. */
  priorSamples: number;
  /** Base seed of the samples. */
  seed: number;
  /** Seed of the held-out draw the conditions come from. */
  conditionSeed: number;
}

export const PRIOR_EVAL_PLAN_DEFAULTS: PriorEvalPlanOptions = {
  samples: 16, seedsPerCondition: 2, priorSamples: 200, seed: 0, conditionSeed: 1,
};

/** One unit of work: a single sample of a method, or a chunk of the prior's samples (`count` > 1). */
export interface PriorEvalTask {
  method: PriorEvalMethod;
  /** Index of the first sample (within the method). */
  index: number;
  /** Samples in the task (1 except prior chunks). */
  count: number;
  /** Estimated cost, relative units (for sharding only). */
  cost: number;
}

const FILE = 'src/engine/eval/prior-eval/plan.ts';

export function checkPlan(o: PriorEvalPlanOptions): void {
  const int = (field: keyof PriorEvalPlanOptions, min: number) => {
    const v = o[field];
    if (!Number.isInteger(v) || v < min) throw new Error(`${FILE}: ${field} must be an integer >= ${min}, got ${v}`);
  };
  int('samples', 2); int('seedsPerCondition', 1); int('priorSamples', 2); int('seed', 0); int('conditionSeed', 0);
  if (o.samples % o.seedsPerCondition !== 0) {
    throw new Error(`${FILE}: samples (${o.samples}) must be a multiple of seedsPerCondition (${o.seedsPerCondition})`);
  }
  if (o.priorSamples < o.samples) throw new Error(`${FILE}: priorSamples (${o.priorSamples}) must be >= samples (${o.samples})`);
}

/** Condition group of sample i. */
export function groupOf(i: number, seedsPerCondition: number): number {
  return Math.floor(i / seedsPerCondition);
}

/** Held-out conditions needed: one per group of the prior's samples (the methods use the first ones). */
export function conditionCount(o: PriorEvalPlanOptions): number {
  return Math.ceil(o.priorSamples / o.seedsPerCondition);
}

/**
 * Every task of the plan. `costs` are per-sample estimates for each method (e.g. seconds); prior chunks cost
 * count * costs.prior. Methods not listed in `methods` are left out.
 */
export function planTasks(o: PriorEvalPlanOptions, methods: readonly PriorEvalMethod[], costs: Record<PriorEvalMethod, number>): PriorEvalTask[] {
  checkPlan(o);
  const tasks: PriorEvalTask[] = [];
  for (const m of methods) {
    if (m === 'prior') {
      for (let i = 0; i < o.priorSamples; i += PRIOR_CHUNK) {
        const count = Math.min(PRIOR_CHUNK, o.priorSamples - i);
        tasks.push({ method: m, index: i, count, cost: count * costs.prior });
      }
    } else {
      for (let i = 0; i < o.samples; i++) tasks.push({ method: m, index: i, count: 1, cost: costs[m] });
    }
  }
  return tasks;
}

/** LPT: tasks sorted by cost (ties: plan order) into `workers` shards, each to the least-loaded shard. */
export function shardTasks(tasks: readonly PriorEvalTask[], workers: number): PriorEvalTask[][] {
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`${FILE}: workers must be a positive integer, got ${workers}`);
  const order = tasks.map((t, i) => ({ t, i })).sort((a, b) => b.t.cost - a.t.cost || a.i - b.i);
  const shards: PriorEvalTask[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const { t } of order) {
    let k = 0;
    for (let j = 1; j < workers; j++) if (load[j] < load[k]) k = j;
    shards[k].push(t);
    load[k] += t.cost;
  }
  return shards;
}

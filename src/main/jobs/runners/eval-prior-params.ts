// Parameters of the eval-prior runners (issue 17; `parallax eval-prior`): 'eval-prior-samples' draws one shard
// of the plan's samples (src/engine/eval/prior-eval/plan.ts), 'eval-prior' scores every shard's samples.
// The representation list is the ddrep runner's (DDREP_REPS), so eval-prior offers exactly the reps `parallax
// ddrep` can sample (eval-prior-samples.ts evalRep checks that the eval sampler handles each of them).
// Method settings (resolveEvalMethods): each method's engine defaults, except
//   - SDS/SJC iterations: EVAL_DISTILL_ITERATIONS (their own defaults, 2,000 and 10,000, are for long 3-D runs;
//     notes §3.1/§4.2 suggest 2k-3k for SIREN images). Chosen so one SDS/SJC sample costs about what one DDRep
//     sample costs (notes §4.4: compare at matched wall time); --distill-steps overrides it.
//   - SJC's learning rate on a SIREN: the SIREN's own (1e-3, Adamax), not SJC's 0.05 (tuned for voxel grids; a
//     SIREN with w0 = 30 diverges at 0.05). On the panorama canvas SJC keeps 0.05.
//   - the prior's own samples: DDIM with DDRep's eta (1) unless --prior-eta says otherwise (see priorEta).
//   - guidance: --guidance applies to every method; unset, each keeps its own default (prior and DDRep 3,
//     SDS and SJC 100 as DreamFusion/SJC), recorded in the report.
import { z } from 'zod';
import { DDIM_DEFAULTS } from '../../../engine/diffusion';
import { DDREP_DEFAULTS, FIELD_INNER_ITERATIONS, SDS_DEFAULTS, SJC_DEFAULTS } from '../../../engine/ddrep';
import {
  PAIRED_REPS, PRIOR_EVAL_METHODS, PRIOR_EVAL_PLAN_DEFAULTS, defaultPriorEvalMethods, type PriorEvalMethod, type PriorEvalMethodConfigs,
} from '../../../engine/eval/prior-eval';
import { PRIOR_SAMPLE_DEFAULTS } from '../../../engine/prior';
import { DDREP_REPS } from './ddrep-params';
import { PANORAMA_WINDOWS } from './ddrep-setup';

/** SDS/SJC iterations per eval sample (see the module comment). */
export const EVAL_DISTILL_ITERATIONS = 800;
/** Held-out renders KID compares against (issue 17: 200). */
export const EVAL_REFERENCES = 200;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

const EvalPriorParamsObject = z.object({
  rep: z.enum(DDREP_REPS),
  /** Prior model file (.plxm, method 'prior'). */
  modelFile: z.string().min(1),
  /** Methods to run; unset = defaultPriorEvalMethods(rep) (every method the rep has). */
  methods: z.array(z.enum(PRIOR_EVAL_METHODS)).min(1).optional(),
  samples: int(2, 1000).default(PRIOR_EVAL_PLAN_DEFAULTS.samples),
  seedsPerCondition: int(1, 100).default(PRIOR_EVAL_PLAN_DEFAULTS.seedsPerCondition),
  priorSamples: int(2, 5000).default(PRIOR_EVAL_PLAN_DEFAULTS.priorSamples),
  seed: int(0, 2 ** 31 - 1).default(PRIOR_EVAL_PLAN_DEFAULTS.seed),
  conditionSeed: int(0, 2 ** 31 - 1).default(PRIOR_EVAL_PLAN_DEFAULTS.conditionSeed),
  /** CFG weight for every method; null = each method's default. */
  guidance: z.number().min(0).max(1000).nullable().default(null),
  /** DDIM steps of the prior's own samples and of DDRep; null = 50. */
  steps: int(1, 1000).nullable().default(null),
  /** SDS/SJC iterations; null = EVAL_DISTILL_ITERATIONS. */
  distillSteps: int(1, 100000).nullable().default(null),
  /**
   * DDIM eta of the prior's own samples; null = DDRep's (1). Same sampler as DDRep by default, so the KID ratio
   * measures what the representation and the pulled-back solve cost, not a change of sampler: with a pixel grid
   * DDRep *is* this image-space DDIM (ddrep exactness test). `--prior-eta 0` gives the deterministic sampler.
   */
  priorEta: z.number().min(0).max(1).nullable().default(null),
  /** DDRep inner Adam iterations cap (SIREN); null = the engine default. */
  inner: int(1, 10000).nullable().default(null),
  /** Which shard of the plan this worker draws (samples stage). */
  shard: z.object({ index: int(0, 63), count: int(1, 64) }).default({ index: 0, count: 1 }),
});

/** Refuse 'paired' on a rep without a pixel-grid twin, and fill in the rep's default methods. */
function withMethods<T extends { rep: string; methods?: PriorEvalMethod[] }>(o: T, ctx: z.RefinementCtx): T & { methods: PriorEvalMethod[] } {
  if (o.methods?.includes('paired') && !PAIRED_REPS.includes(o.rep)) {
    ctx.addIssue({ code: 'custom', path: ['methods'], message: `method "paired" needs rep ${PAIRED_REPS.join(' or ')} (a pixel-grid twin of DDRep's sample); rep is ${o.rep}` });
  }
  return { ...o, methods: o.methods ?? defaultPriorEvalMethods(o.rep) };
}

export const EvalPriorParamsSchema = EvalPriorParamsObject.transform(withMethods);
export type EvalPriorSampleParams = z.input<typeof EvalPriorParamsSchema>;
export type ResolvedEvalPriorParams = z.output<typeof EvalPriorParamsSchema>;

export const EvalPriorMetricsSchema = EvalPriorParamsObject.extend({
  /** KID feature extractor file (.plxm, method 'kid-features'). */
  featuresFile: z.string().min(1),
  /** Folders holding the samples stage's outputs (shard-<k>.json + .f32). */
  sampleDirs: z.array(z.string().min(1)).min(1),
  references: int(2, 5000).default(EVAL_REFERENCES),
  referenceSeed: int(0, 2 ** 31 - 1).default(0),
}).transform(withMethods);
export type EvalPriorMetricsParams = z.input<typeof EvalPriorMetricsSchema>;

/** Every method's settings as run (JSON; recorded in the report). */
export function resolveEvalMethods(p: ResolvedEvalPriorParams): PriorEvalMethodConfigs {
  const steps = p.steps ?? 50;
  const g = p.guidance;
  const distill = p.distillSteps ?? EVAL_DISTILL_ITERATIONS;
  return {
    prior: {
      sampler: { ...PRIOR_SAMPLE_DEFAULTS.sampler, steps, eta: p.priorEta ?? DDREP_DEFAULTS.sampler.eta },
      guidance: g ?? PRIOR_SAMPLE_DEFAULTS.guidance,
    },
    ddrep: {
      ...DDREP_DEFAULTS,
      sampler: { ...DDREP_DEFAULTS.sampler, steps },
      guidance: g ?? DDREP_DEFAULTS.guidance,
      // Panorama: the crop is linear, so the fit has an exact closed form, and one RePaint forward step per
      // reverse step (the paper's multi-view setting), as the `ddrep` runner does.
      // Field: the `ddrep` runner's 20 inner iterations per step (FIELD_INNER_ITERATIONS, for time).
      inner: {
        ...DDREP_DEFAULTS.inner,
        ...(p.rep === 'panorama' ? { solver: 'closed-form' as const } : {}),
        ...(p.rep === 'field' ? { iterations: FIELD_INNER_ITERATIONS } : {}),
        ...(p.inner ? { iterations: p.inner } : {}),
      },
      resample: p.rep === 'panorama' ? 1 : DDREP_DEFAULTS.resample,
    },
    sds: { ...SDS_DEFAULTS, iterations: distill, guidance: g ?? SDS_DEFAULTS.guidance },
    sjc: { ...SJC_DEFAULTS, iterations: distill, guidance: g ?? SJC_DEFAULTS.guidance, lr: p.rep === 'siren' ? null : SJC_DEFAULTS.lr },
    siren: {},
    panoramaWindows: PANORAMA_WINDOWS,
    field: {},
  };
}

/** Rough seconds per sample on one free core (for balancing shards only; bench/ddrep-siren.ts figures). */
export function estimatedCosts(p: ResolvedEvalPriorParams, m: PriorEvalMethodConfigs): Record<(typeof PRIOR_EVAL_METHODS)[number], number> {
  const guided = (w: number) => (w === 1 || w === 0 ? 1 : 2);
  const unet = 0.05; // s per UNet call on one 32x32 image
  const steps = m.ddrep.sampler?.steps ?? DDIM_DEFAULTS.steps;
  const inner = m.ddrep.inner?.iterations ?? 0;
  const ddrepUnet = (views: number) => steps * (p.rep === 'panorama' ? 2 : 1) * guided(m.ddrep.guidance ?? 3) * unet * views;
  const views = p.rep === 'siren' ? 1 : m.ddrep.viewsPerStep ?? 8;
  // Field: an inner iteration marches every view's rays forward and backward (~15 ms per view, README figures).
  const fit = p.rep === 'siren' ? 0.02 * inner : p.rep === 'field' ? 0.015 * views * inner : 0.02;
  const distillIteration = p.rep === 'field' ? 0.05 : 0.02;
  return {
    prior: (m.prior.sampler?.steps ?? 50) * guided(m.prior.guidance ?? 3) * unet * 0.5, // batched: about half per image
    paired: ddrepUnet(1), // the exact solve of a pixel grid costs nothing next to the UNet
    ddrep: ddrepUnet(views) + steps * (p.rep === 'panorama' ? 2 : 1) * fit,
    sds: (m.sds.iterations ?? 1) * (guided(m.sds.guidance ?? 100) * unet + distillIteration),
    sjc: (m.sjc.iterations ?? 1) * (guided(m.sjc.guidance ?? 100) * unet + distillIteration),
  };
}

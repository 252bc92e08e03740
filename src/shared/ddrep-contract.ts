// The studio's DDRep jobs (issue 17): sample a differentiable representation from the shipped image
// prior with DDRep, SDS or SJC. One place for what the studio offers (representations, methods with a
// one-line hint each); the methods' numeric defaults (steps, guidance) stay in the engine
// (src/engine/ddrep: DDREP_DEFAULTS, SDS_DEFAULTS, SJC_DEFAULTS), so an absent field means "the method's
// default" and the runner records the value it used with every result.
import { z } from 'zod';
import { ItemIdSchema } from './records';

/** The sampling methods, all on the same prior (the runner's DDREP_METHODS is this list). */
export const DDREP_METHODS = ['ddrep', 'sds', 'sjc'] as const;
export type DdrepMethod = (typeof DDREP_METHODS)[number];

/**
 * Representations the studio's ddrep runner supports (each must also be in the runner's DDREP_REPS; a unit
 * test checks that). 'field' samples are 3D scenes (representation 'field': 3D viewer, export).
 */
export const DDREP_STUDIO_REPS = ['siren', 'panorama', 'field'] as const;
export type DdrepStudioRep = (typeof DDREP_STUDIO_REPS)[number];

interface Choice<T extends string> { value: T; label: string; hint: string }

/** Labels and hints of every representation the runner may support; the form shows those in DDREP_STUDIO_REPS. */
export const DDREP_REP_CHOICES: readonly Choice<'siren' | 'panorama' | 'field'>[] = [
  { value: 'siren', label: 'SIREN image', hint: 'One image stored as a sine-activated network (a front view at the prior\'s resolution)' },
  { value: 'panorama', label: 'Panorama', hint: 'A wrap-around 360° strip read through overlapping windows, one azimuth each' },
  { value: 'field', label: 'Radiance field', hint: 'A 3D scene rendered from several views per step; opens in the 3D viewer and exports. Slow: minutes per sample' },
];

export const DDREP_METHOD_CHOICES: readonly Choice<DdrepMethod>[] = [
  { value: 'ddrep', label: 'DDRep', hint: 'Samples: follows the diffusion ODE through the representation, so results vary like real images' },
  { value: 'sds', label: 'SDS', hint: 'Score distillation (DreamFusion): seeks a mode with fresh noise each step; smooth, alike results' },
  { value: 'sjc', label: 'SJC', hint: 'Score Jacobian chaining: perturb-and-average scores, also mode-seeking; a baseline to compare' },
];

/** Short badge text of each method (gallery cards). */
export const DDREP_METHOD_LABEL: Readonly<Record<DdrepMethod, string>> = { ddrep: 'DDRep', sds: 'SDS', sjc: 'SJC' };

/**
 * Steps (DDRep) or iterations (SDS/SJC) of a field sample when the spec leaves them empty. The engine's
 * defaults (DDRep 50 steps; SDS 2,000 and SJC 10,000 iterations, from their papers) are for one image; a
 * field step fits 8 views of a voxel grid and an SDS/SJC iteration renders and pulls back 8 views, so the
 * studio asks for fewer (SDS/SJC render and pull back one view per iteration). Measured cost: DDREP_FIELD_COST.
 */
export const DDREP_FIELD_STEPS: Readonly<Record<DdrepMethod, number>> = { ddrep: 100, sds: 300, sjc: 300 };

/**
 * What a field sample costs, shown in the form. Measured with the shipped 32 px prior (33^3 grid, 8 views and
 * 20 inner iterations per DDRep step, wasm + a 2-thread kernel pool) on our 2-core machine while other jobs
 * shared it (load ~10): `parallax ddrep --rep field --steps 10` took 63 s for the sample (6.3 s a step);
 * `--method sds --steps 20` took 35 s (1.8 s an iteration at guidance 100: two denoiser calls and a solver step).
 */
export const DDREP_FIELD_COST = 'Slow: minutes per sample. Measured on 2 busy cores: about 6 s per DDRep step (~10 min per sample at the default 100 steps) and 1.8 s per SDS iteration (~9 min at 300); less on a quiet or bigger machine.';

/**
 * What a photo adds to a field sample, shown in the form: RePaint repeats every step once (the runner's default
 * for a field with a photo, ddrep-setup.ts methodOptions) and a repeat costs a whole step again, so the figure
 * is DDREP_FIELD_COST's doubled (an estimate, not timed on its own).
 */
export const DDREP_FIELD_PHOTO_COST = 'RePaint repeats each step once to blend the photo in, so this takes about twice as long (~20 min per sample at 100 steps on 2 busy cores); fewer steps shorten it.';

/** The form's starting values (small: a SIREN sample of the 32 px prior takes seconds per step on 2 cores). */
export const DDREP_FORM_DEFAULTS = { rep: 'siren', method: 'ddrep', samples: 2 } as const;

export const DDREP_MAX_SAMPLES = 8;


export const DdrepJobSpecSchema = z.object({
  kind: z.literal('ddrep'),
  rep: z.enum(DDREP_STUDIO_REPS),
  method: z.enum(DDREP_METHODS).default('ddrep'),
  /**
   * Capture whose first image conditions the sample by RePaint inpainting (DDRep only): the SIREN's left half,
   * the panorama's first window, or the radiance field's front view (the field is completed around it).
   */
  captureId: ItemIdSchema.optional(),
  samples: z.number().int().min(1).max(DDREP_MAX_SAMPLES).default(DDREP_FORM_DEFAULTS.samples),
  /** DDRep: DDIM steps; SDS/SJC: optimisation iterations. Absent: the method's engine default. */
  steps: z.number().int().min(1).max(20_000).optional(),
  /** Classifier-free guidance w (1 = conditional only). Absent: the method's engine default. */
  guidance: z.number().min(0).max(1000).optional(),
  /** DDRep: Adam iterations of the per-step least-squares fit (paper: 200). Absent: the engine default. */
  inner: z.number().int().min(1).max(10_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
}).superRefine((spec, ctx) => {
  if (spec.captureId !== undefined && spec.method !== 'ddrep') {
    ctx.addIssue({ code: 'custom', path: ['captureId'], message: `conditioning on a photo is DDRep's RePaint inpainting; method "${spec.method}" takes no photo` });
  }
  if (spec.inner !== undefined && spec.method !== 'ddrep') {
    ctx.addIssue({ code: 'custom', path: ['inner'], message: `the inner least-squares fit is DDRep's; method "${spec.method}" has none` });
  }
});
export type DdrepJobSpec = z.infer<typeof DdrepJobSpecSchema>;

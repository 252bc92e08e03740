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
 * Representations the studio's ddrep runner supports. Add 'field' here once the runner writes field
 * samples as scenes (it must also be in the runner's DDREP_REPS; a unit test checks that).
 */
export const DDREP_STUDIO_REPS = ['siren', 'panorama'] as const;
export type DdrepStudioRep = (typeof DDREP_STUDIO_REPS)[number];

interface Choice<T extends string> { value: T; label: string; hint: string }

/** Labels and hints of every representation the runner may support; the form shows those in DDREP_STUDIO_REPS. */
export const DDREP_REP_CHOICES: readonly Choice<'siren' | 'panorama' | 'field'>[] = [
  { value: 'siren', label: 'SIREN image', hint: 'One image stored as a sine-activated network (a front view at the prior\'s resolution)' },
  { value: 'panorama', label: 'Panorama', hint: 'A wrap-around 360° strip read through overlapping windows, one azimuth each' },
  { value: 'field', label: 'Radiance field', hint: 'A 3D scene rendered from several views per step; opens in the 3D viewer and exports' },
];

export const DDREP_METHOD_CHOICES: readonly Choice<DdrepMethod>[] = [
  { value: 'ddrep', label: 'DDRep', hint: 'Samples: follows the diffusion ODE through the representation, so results vary like real images' },
  { value: 'sds', label: 'SDS', hint: 'Score distillation (DreamFusion): seeks a mode with fresh noise each step; smooth, alike results' },
  { value: 'sjc', label: 'SJC', hint: 'Score Jacobian chaining: perturb-and-average scores, also mode-seeking; a baseline to compare' },
];

/** Short badge text of each method (gallery cards). */
export const DDREP_METHOD_LABEL: Readonly<Record<DdrepMethod, string>> = { ddrep: 'DDRep', sds: 'SDS', sjc: 'SJC' };

/** The form's starting values (small: a SIREN sample of the 32 px prior takes seconds per step on 2 cores). */
export const DDREP_FORM_DEFAULTS = { rep: 'siren', method: 'ddrep', samples: 2 } as const;

export const DDREP_MAX_SAMPLES = 8;


export const DdrepJobSpecSchema = z.object({
  kind: z.literal('ddrep'),
  rep: z.enum(DDREP_STUDIO_REPS),
  method: z.enum(DDREP_METHODS).default('ddrep'),
  /** Capture whose first image conditions the sample by RePaint inpainting (DDRep only). */
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

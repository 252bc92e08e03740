// Parameters of the `ddrep` runner (the CLI's `parallax ddrep`; the studio's DDRep jobs later).
// Sample a differentiable representation from the image prior with DDRep, SDS or SJC (issue 17): a SIREN
// image, a wrap-around panorama, or a voxel radiance field written as a scene folder with a GLB.
// Unset fields (null) take the method's engine default (src/engine/ddrep: DDREP_DEFAULTS, SDS_DEFAULTS,
// SJC_DEFAULTS; where each value comes from is commented there and in ddrep-defaults below).
import { z } from 'zod';

export const DDREP_REPS = ['siren', 'panorama', 'field'] as const;
export const DDREP_METHODS = ['ddrep', 'sds', 'sjc'] as const;

export const DdrepParamsSchema = z.object({
  rep: z.enum(DDREP_REPS),
  method: z.enum(DDREP_METHODS).default('ddrep'),
  /** Prior model file (.plxm, method 'prior'). */
  modelFile: z.string().min(1),
  /** Image file to condition on by RePaint inpainting (ddrep only): panorama = one known window, siren = known left half, field = the whole front view. */
  photo: z.string().min(1).nullable().default(null),
  samples: z.number().int().min(1).max(64).default(4),
  /** DDRep: DDIM steps; SDS/SJC: optimisation iterations. null = the method's default. */
  steps: z.number().int().min(1).max(100000).nullable().default(null),
  /** CFG weight w (1 = conditional only, 0 = unconditional). null = the method's default. */
  guidance: z.number().min(0).max(1000).nullable().default(null),
  /** DDRep inner Adam iterations per step (paper: 200). null = the rep's default (200; field: FIELD_INNER_ITERATIONS). */
  inner: z.number().int().min(1).max(10000).nullable().default(null),
  /** DDRep RePaint forward steps per reverse step. null = the rep's default (siren 0, panorama 1, field 0; field with a photo 1). */
  resample: z.number().int().min(0).max(10).nullable().default(null),
  /** Field: grid vertices per axis (null = the engine's FIELD_DEFAULTS.resolution). */
  grid: z.number().int().min(5).max(96).nullable().default(null),
  /** Field: threads of the voxel solver's kernel pool (null = the host's default, as for fits). */
  threads: z.number().int().min(1).max(64).nullable().default(null),
  seed: z.number().int().min(0).default(0),
  /** Snapshots in the per-step preview strip. */
  previewSteps: z.number().int().min(2).max(32).default(8),
});
export type DdrepParams = z.input<typeof DdrepParamsSchema>;
export type ResolvedDdrepParams = z.output<typeof DdrepParamsSchema>;

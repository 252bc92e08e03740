// Parameters of the `fit` runner (shared by the studio's jobs and the CLI).
import { z } from 'zod';
import { QualityPresetSchema } from '../../../shared';

export const FitParamsSchema = z.object({
  captureDir: z.string().min(1),
  preset: QualityPresetSchema.default('standard'),
  minutes: z.number().positive().default(5),
  seed: z.number().int().nonnegative().default(0),
  /** Bake grid resolution for the mesh. */
  res: z.number().int().min(16).max(1024).default(128),
  /** Downscale the capture's images so the longest side is at most this (optional). */
  maxSide: z.number().int().positive().optional(),
  /** Scene parameterisation: auto (decided from the capture), object, unbounded, forward-facing. */
  sceneType: z.enum(['auto', 'object', 'unbounded', 'forward-facing']).default('auto'),
  /** Voxels only: per-image exposure maps (auto = on for unbounded / forward-facing scenes). */
  exposure: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Threads the voxel trainer marches rays on (default: os.availableParallelism()). */
  threads: z.number().int().min(1).max(256).optional(),
  /** voxels: the voxel radiance field; splats: 3D Gaussian splatting (src/engine/splats). */
  method: z.enum(['voxels', 'splats']).default('voxels'),
  /** Splats only: training iterations (the schedule scales with it; default the trainer's). */
  iterations: z.number().int().min(1).max(1_000_000).optional(),
  sceneName: z.string().min(1).default('Scene'),
  sourceId: z.string().optional(),
});
export type FitParams = z.input<typeof FitParamsSchema>;

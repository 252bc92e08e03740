// Parameters of the `sample` runner (the studio's sample jobs; resolved by job-tasks.ts).
import { z } from 'zod';
import { SCENE_POOLINGS, UNRECORDED_SCENE_POOLING } from '../../../shared';

export const SampleParamsSchema = z.object({
  /** Capture folder (its first view; unposed folders are treated as a front photo) or image file. */
  photo: z.string().min(1),
  /** DFM model file (.plxm). */
  modelFile: z.string().min(1),
  /** Model item id, or 'default' for the shipped model (recorded in the scenes' settings). */
  modelId: z.string().min(1).default('default'),
  captureId: z.string().optional(),
  samples: z.number().int().min(1).max(16).default(4),
  steps: z.number().int().min(1).max(1000).default(50),
  /** Classifier-free guidance weight w (1 = none); 0 = the model's default. */
  guidance: z.number().min(0).max(20).default(0),
  temperature: z.number().min(0).max(2).default(1),
  seed: z.number().int().min(0).default(0),
  path: z.enum(['orbit', 'forward', 'autoregressive']).default('orbit'),
  pooling: z.enum(SCENE_POOLINGS).default(UNRECORDED_SCENE_POOLING),
  /** Orbit poses (autoregressive samples views - 1 of them). */
  views: z.number().int().min(2).max(64).default(8),
  /** Poses sampled along the forward path. */
  forwardViews: z.number().int().min(1).max(32).default(3),
  /** Bake resolution of volume.bin and the mesh. */
  grid: z.number().int().min(8).max(256).default(64),
  sceneName: z.string().min(1).default('Generated scene'),
  /** Group id of the sibling scenes (default: the job id, i.e. the job folder's name). */
  groupId: z.string().min(1).optional(),
});
export type SampleParams = z.input<typeof SampleParamsSchema>;
export type ResolvedSampleParams = z.output<typeof SampleParamsSchema>;

// Parameters of the `train` runner (the studio's fine-tune jobs; resolved by job-tasks.ts).
import { z } from 'zod';

export const TrainParamsSchema = z.object({
  /** Posed capture folders (each needs >= 3 posed views). */
  captureDirs: z.array(z.string().min(1)).min(1),
  /** Workspace ids of the captures (provenance), in captureDirs order. */
  captureIds: z.array(z.string()).default([]),
  /** Names of the captures (provenance, training scene names), in captureDirs order. */
  captureNames: z.array(z.string()).default([]),
  /** Base DFM model file (.plxm). */
  baseModelFile: z.string().min(1),
  /** Base model item id, or 'default' for the shipped model. */
  baseModelId: z.string().min(1).default('default'),
  steps: z.number().int().positive().default(200),
  seed: z.number().int().nonnegative().default(0),
  modelName: z.string().min(1).default('Fine-tuned DFM model'),
  checkpointEvery: z.number().int().positive().default(20),
  /** A sample preview (EMA weights, first capture) every this many steps; 0 = never. */
  previewEvery: z.number().int().nonnegative().default(20),
  /** DDIM steps of each preview sample. */
  previewSamplerSteps: z.number().int().positive().default(10),
});
export type TrainParams = z.input<typeof TrainParamsSchema>;

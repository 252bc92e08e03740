// Parameters of the `export` runner (shared by the studio's jobs and the CLI).
import { z } from 'zod';

export const ExportParamsSchema = z.object({
  sceneDir: z.string().min(1),
  format: z.enum(['glb', 'ply']),
  unlit: z.boolean().default(false),
  res: z.number().int().min(16).max(1024).default(128),
  name: z.string().min(1).default('Export'),
  sourceId: z.string().default('external'),
});
export type ExportParams = z.input<typeof ExportParamsSchema>;

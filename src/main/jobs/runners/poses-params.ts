// Parameters of the `poses` runner: what estimatePoses needs, resolved to absolute paths.
import { z } from 'zod';
import { POSES_MATCHERS } from '../../../shared';

export const PosesParamsSchema = z.object({
  /** A folder of photos or a video file (absolute). */
  source: z.string().min(1),
  /** The unposed capture item the source belongs to (recorded on the new capture). */
  sourceId: z.string().min(1),
  matcher: z.enum(POSES_MATCHERS).default('auto'),
  maxSize: z.number().int().positive().default(1600),
  frames: z.number().int().positive().default(64),
  captureName: z.string().min(1),
});
export type PosesParams = z.input<typeof PosesParamsSchema>;

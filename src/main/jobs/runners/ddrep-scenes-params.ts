// Parameters of the `ddrep-scenes` runner: the studio's DDRep jobs (resolved by job-tasks.ts from a
// DdrepJobSpec). The same sampling parameters as the CLI's `ddrep` runner, plus what the scene items need.
// `photo` here is a capture folder (its first image) or an image file; `modelFile` is the shipped prior.
import { z } from 'zod';
import { DdrepParamsSchema } from './ddrep-params';

export const DdrepScenesParamsSchema = DdrepParamsSchema.extend({
  /** Capture the photo came from (recorded in the scenes). */
  captureId: z.string().nullable().default(null),
  /** Scene names: "<sceneName> <k>/<n>". */
  sceneName: z.string().min(1).default('DDRep sample'),
  /** Group id of the sibling scenes (default: the job folder's name, i.e. the job id). */
  groupId: z.string().min(1).optional(),
});
export type DdrepScenesParams = z.input<typeof DdrepScenesParamsSchema>;

// The crop box of a scene: the axis-aligned box (world units of the scene, i.e. the normalised
// world of the capture it was fitted on) around the object of interest. Mesh extraction and the
// GLB/PLY exports keep only what lies inside it.
import { z } from 'zod';

const Finite = z.number().finite('must be a finite number');
const Corner = z.tuple([Finite, Finite, Finite]);

export const CropBoxSchema = z.object({ min: Corner, max: Corner }).strict().superRefine((box, ctx) => {
  for (let axis = 0; axis < 3; axis++) {
    if (!(box.min[axis] < box.max[axis])) {
      ctx.addIssue({
        code: 'custom', path: ['max', axis],
        message: `must be greater than min.${axis} (${box.min[axis]}): a crop box needs a positive size on every axis`,
      });
    }
  }
});
export type CropBox = z.infer<typeof CropBoxSchema>;

/** True when the point (world units) lies inside the box, faces included. */
export function insideCropBox(box: CropBox, x: number, y: number, z: number): boolean {
  return x >= box.min[0] && x <= box.max[0] && y >= box.min[1] && y <= box.max[1] && z >= box.min[2] && z <= box.max[2];
}

/**
 * The crop box a scene's exports use: the artist's (manifest `cropBox`), else the one the fit
 * proposed from the sparse points (settings `cropBox`, when it is a valid box), else none.
 */
export function effectiveCropBox(scene: { cropBox?: CropBox; settings?: Record<string, unknown> }): CropBox | null {
  if (scene.cropBox) return scene.cropBox;
  const proposed = CropBoxSchema.safeParse(scene.settings?.cropBox);
  return proposed.success ? proposed.data : null;
}

// Known-pixel conditions for RePaint-style inpainting (Lugmayr et al. 2022) in DDRep (ddrep.ts `known`):
// a photo and mask for a single-view rep, a known canvas strip and mask for a panorama, cropped per view
// exactly like the signal, or a radiance field's photo view (every pixel of fixed view 0 known). Returned tensors are new and owned by the caller (DDRep disposes them).
import type { Tf, Tensor } from '../tf';
import type { CanvasPanorama, CropView } from './canvas-panorama';
import type { FieldRep } from './field';
import type { FieldView } from './field-views';
import type { KnownPixels } from './ddrep';
import type { RepView } from './types';

const FILE = 'ddrep/inpaint.ts';

function checkPair(image: Tensor, mask: Tensor, what: string): void {
  if (image.rank !== 3 || image.shape[2] !== 3) throw new Error(`${FILE}: ${what} image must be [H, W, 3], got [${image.shape}]`);
  if (mask.rank !== 3 || mask.shape[2] !== 1 || mask.shape[0] !== image.shape[0] || mask.shape[1] !== image.shape[1]) {
    throw new Error(`${FILE}: ${what} mask must be [${image.shape[0]}, ${image.shape[1]}, 1], got [${mask.shape}]`);
  }
}

/** Every view sees the same known image [H, W, 3] and mask [H, W, 1] (1 = known). Inputs are not disposed. */
export function knownFromImage<V extends RepView>(tf: Tf, image: Tensor, mask: Tensor): KnownPixels<V> {
  checkPair(image, mask, 'known');
  return () => ({ image: image.clone(), mask: mask.clone() });
}

/** Known canvas [H, Wc, 3] and mask [H, Wc, 1], cropped per window like the panorama's signal. */
export function knownFromCanvas(tf: Tf, pano: CanvasPanorama, image: Tensor, mask: Tensor): KnownPixels<CropView> {
  checkPair(image, mask, 'known canvas');
  if (image.shape.join(',') !== pano.noiseShape.slice(0, 2).concat(3).join(',')) {
    throw new Error(`${FILE}: known canvas [${image.shape}] does not match the panorama canvas [${pano.noiseShape}]`);
  }
  return (view) => tf.tidy(() => {
    const cols = tf.tensor1d(pano.columns(view), 'int32');
    return { image: tf.gather(image, cols, 1), mask: tf.gather(mask, cols, 1) };
  });
}

/**
 * A radiance field completed from one photo (the DFM task, training-free): the photo [R, R, 3] in [-1, 1] is what
 * the field's view 0 shows (the field must be built with `photo`, which puts view 0 at the photo's camera and into
 * every step's draw); every pixel of that view is known, no other view has known pixels. `image` is not disposed.
 */
export function knownFromFieldPhoto(tf: Tf, field: FieldRep, image: Tensor): KnownPixels<FieldView> {
  if (!field.config.photo) throw new Error(`${FILE}: the field has no photo view (build it with config.photo)`);
  const R = field.config.size;
  if (image.shape.join(',') !== `${R},${R},3`) throw new Error(`${FILE}: the photo must be [${R}, ${R}, 3] (the field's view size), got [${image.shape}]`);
  return (view) => (view.index === 0 ? { image: image.clone(), mask: tf.ones([R, R, 1]) } : null);
}

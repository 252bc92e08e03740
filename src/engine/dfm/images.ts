// RgbImage <-> tensor helpers for the DFM module.
import type * as tfn from '@tensorflow/tfjs';
import type { RgbImage } from '../data/types';
import type { Tf } from '../tf';

/** RgbImage in [0, 1] -> [1, H, W, 3]; checks the size. */
export function imageToTensor(tf: Tf, img: RgbImage, size: number, field: string): tfn.Tensor4D {
  if (img.width !== size || img.height !== size) {
    throw new Error(`dfm/images.ts: ${field} is ${img.width}x${img.height}, the model runs at ${size}x${size}`);
  }
  if (img.data.length !== size * size * 3) {
    throw new Error(`dfm/images.ts: ${field}.data has ${img.data.length} values, expected ${size * size * 3}`);
  }
  return tf.tensor4d(img.data, [1, size, size, 3]);
}

/** [1, H, W, 3] in [0, 1] (or [-1, 1] when `signed`), clamped -> RgbImage. */
export function tensorToImage(tf: Tf, t: tfn.Tensor4D, signed = false): RgbImage {
  const [, h, w] = t.shape;
  const data = tf.tidy(() => tf.clipByValue(signed ? tf.div(tf.add(t, 1), 2) : t, 0, 1).dataSync() as Float32Array);
  return { width: w, height: h, data: Float32Array.from(data) };
}

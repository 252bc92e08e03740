// All training pixels of a capture as flat ray arrays.
import { generateRays } from '../camera';
import type { Capture } from '../data/types';

export interface TrainRays {
  count: number;
  /** [N, 3] each. */
  origins: Float32Array;
  dirs: Float32Array;
  colors: Float32Array;
  /** [N]: index of each ray's training view (order of trainViews), for per-image exposure. */
  viewOf: Uint16Array;
  /** Number of training views. */
  views: number;
  /** Cheap fingerprint of the data, stored in checkpoints to catch a resume on another capture. */
  fingerprint: number;
}

export function trainViews(capture: Capture) {
  return capture.views.filter((v) => v.split === 'train');
}

export function buildTrainRays(capture: Capture): TrainRays {
  const views = trainViews(capture);
  if (views.length === 0) throw new Error('capture.views: no view has split "train"; nothing to fit');
  if (views.length > 65535) throw new Error(`capture.views: ${views.length} training views; at most 65535 are supported`);
  let count = 0;
  for (const v of views) {
    const { width, height } = v.image;
    if (width !== v.intrinsics.width || height !== v.intrinsics.height || v.image.data.length !== width * height * 3) {
      throw new Error(`capture view "${v.file}": image is ${width}x${height} (${v.image.data.length} values) but intrinsics say ${v.intrinsics.width}x${v.intrinsics.height}`);
    }
    count += width * height;
  }
  const origins = new Float32Array(3 * count), dirs = new Float32Array(3 * count), colors = new Float32Array(3 * count);
  const viewOf = new Uint16Array(count);
  let off = 0;
  let fp = 0x811c9dc5;
  views.forEach((v, index) => {
    const rays = generateRays(v.intrinsics, v.c2w);
    viewOf.fill(index, off / 3, off / 3 + v.image.width * v.image.height);
    origins.set(rays.origins, off);
    dirs.set(rays.directions, off);
    colors.set(v.image.data, off);
    off += rays.origins.length;
    for (let i = 0; i < v.image.data.length; i += 997) fp = Math.imul(fp ^ Math.round(v.image.data[i] * 65535), 16777619) >>> 0;
    for (let i = 0; i < 16; i++) fp = Math.imul(fp ^ Math.round(v.c2w[i] * 1e5), 16777619) >>> 0;
  });
  return { count, origins, dirs, colors, viewOf, views: views.length, fingerprint: fp >>> 0 };
}

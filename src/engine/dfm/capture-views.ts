// Captures -> the square, model-sized views DFM trains and samples on. As the paper does for Co3D
// (supplement Sec. 2.1), images are centre-cropped to a square and resized; the intrinsics follow.
import type { Intrinsics } from '../camera';
import type { Capture, RgbImage } from '../data/types';
import type { TrainScene } from './train-loop';
import type { TrainView } from './train-step';

/** Centre crop to a square, then area/bilinear resize to `size`; intrinsics adjusted to match. */
export function squareView(image: RgbImage, k: Intrinsics, size: number): { image: RgbImage; intrinsics: Intrinsics } {
  const side = Math.min(image.width, image.height);
  const ox = Math.floor((image.width - side) / 2);
  const oy = Math.floor((image.height - side) / 2);
  const scale = size / side;
  const out = new Float32Array(size * size * 3);
  // Box filter over the source footprint of each output pixel (bilinear when upsampling).
  const foot = Math.max(1, 1 / scale);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = ox + (x + 0.5) / scale - 0.5; const cy = oy + (y + 0.5) / scale - 0.5;
      const taps = Math.ceil(foot);
      let r = 0; let g = 0; let b = 0; let wsum = 0;
      for (let j = 0; j < taps; j++) {
        for (let i = 0; i < taps; i++) {
          const sx = cx + (i + 0.5) * (foot / taps) - foot / 2; const sy = cy + (j + 0.5) * (foot / taps) - foot / 2;
          const x0 = Math.floor(sx); const y0 = Math.floor(sy); const fx = sx - x0; const fy = sy - y0;
          for (const [dx, dy, w] of [[0, 0, (1 - fx) * (1 - fy)], [1, 0, fx * (1 - fy)], [0, 1, (1 - fx) * fy], [1, 1, fx * fy]] as const) {
            const px = Math.min(ox + side - 1, Math.max(ox, x0 + dx)); const py = Math.min(oy + side - 1, Math.max(oy, y0 + dy));
            const o = (py * image.width + px) * 3;
            r += w * image.data[o]; g += w * image.data[o + 1]; b += w * image.data[o + 2]; wsum += w;
          }
        }
      }
      const o = (y * size + x) * 3;
      out[o] = r / wsum; out[o + 1] = g / wsum; out[o + 2] = b / wsum;
    }
  }
  const intrinsics: Intrinsics = {
    width: size, height: size, fx: k.fx * scale * (image.width / k.width), fy: k.fy * scale * (image.height / k.height),
    cx: (k.cx * (image.width / k.width) - ox) * scale, cy: (k.cy * (image.height / k.height) - oy) * scale,
  };
  return { image: { width: size, height: size, data: out }, intrinsics };
}

/** Every view of a capture (all splits unless `splits` is given) at the model's size. */
export function captureToTrainScene(capture: Capture, size: number, name: string, splits?: readonly string[]): TrainScene {
  const views: TrainView[] = capture.views
    .filter((v) => !splits || splits.includes(v.split))
    .map((v) => {
      if (v.image.width === size && v.image.height === size && v.intrinsics.width === size && v.intrinsics.height === size) {
        return { image: v.image, camera: { intrinsics: v.intrinsics, c2w: v.c2w } };
      }
      const sq = squareView(v.image, v.intrinsics, size);
      return { image: sq.image, camera: { intrinsics: sq.intrinsics, c2w: v.c2w } };
    });
  return { name, views };
}

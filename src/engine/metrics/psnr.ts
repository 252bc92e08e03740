// Peak signal-to-noise ratio for images in [0, 1]: PSNR = -10 log10(MSE), MSE over all pixels
// and the three channels (data range 1). Identical images give +Infinity.
import type { RgbImage } from '../data/types';

export function checkSameSize(a: RgbImage, b: RgbImage, fn: string): void {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) {
    throw new Error(`${fn}: images differ in size (${a.width}x${a.height}, ${a.data.length} values vs ${b.width}x${b.height}, ${b.data.length} values)`);
  }
  if (a.data.length !== a.width * a.height * 3) {
    throw new Error(`${fn}: image data has ${a.data.length} values, expected width*height*3 = ${a.width * a.height * 3}`);
  }
}

export function mse(a: RgbImage, b: RgbImage): number {
  checkSameSize(a, b, 'mse');
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    s += d * d;
  }
  return s / a.data.length;
}

export function psnr(a: RgbImage, b: RgbImage): number {
  checkSameSize(a, b, 'psnr');
  const m = mse(a, b);
  return m === 0 ? Infinity : -10 * Math.log10(m);
}

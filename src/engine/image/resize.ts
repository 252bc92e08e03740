// Box-filter (area-average) resampling in pure TypeScript.
//
// Output pixel i along an axis covers the input interval [i * s, (i + 1) * s) with
// s = inSize / outSize; its value is the area-weighted mean of the input pixels that
// interval overlaps. Pixel edges map linearly (0 -> 0, inSize -> outSize), which is why
// intrinsics rescale exactly with `scaleIntrinsics`. Separable: a horizontal pass then a
// vertical pass. Colour with alpha is filtered premultiplied (no dark fringes).
import type { DecodedImage, RgbImage } from '../data/types';
import type { Rgb } from './convert';

interface Taps { start: Int32Array; count: Int32Array; weights: Float32Array; maxTaps: number }

function boxTaps(inSize: number, outSize: number): Taps {
  const s = inSize / outSize;
  const maxTaps = Math.ceil(s) + 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const a = i * s;
    const b = Math.min(inSize, (i + 1) * s);
    const first = Math.floor(a);
    const last = Math.min(inSize - 1, Math.ceil(b) - 1);
    start[i] = first;
    count[i] = last - first + 1;
    let total = 0;
    for (let j = first; j <= last; j++) {
      const w = Math.max(0, Math.min(b, j + 1) - Math.max(a, j));
      weights[i * maxTaps + (j - first)] = w;
      total += w;
    }
    for (let k = 0; k < count[i]; k++) weights[i * maxTaps + k] /= total;
  }
  return { start, count, weights, maxTaps };
}

/**
 * Resample an interleaved float image [H, W, C] to [outH, outW, C] with the box filter.
 * `read(index)` supplies input values so callers can convert bytes on the fly.
 */
function resampleInterleaved(
  read: (index: number) => number, width: number, height: number, channels: number,
  outW: number, outH: number,
): Float32Array {
  checkSize(outW, outH);
  const tx = boxTaps(width, outW);
  const ty = boxTaps(height, outH);
  const mid = new Float32Array(height * outW * channels); // [H, outW, C]
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outW; x++) {
      const o = (y * outW + x) * channels;
      for (let k = 0; k < tx.count[x]; k++) {
        const w = tx.weights[x * tx.maxTaps + k];
        const src = (y * width + tx.start[x] + k) * channels;
        for (let c = 0; c < channels; c++) mid[o + c] += w * read(src + c);
      }
    }
  }
  const out = new Float32Array(outH * outW * channels); // [outH, outW, C]
  for (let y = 0; y < outH; y++) {
    for (let k = 0; k < ty.count[y]; k++) {
      const w = ty.weights[y * ty.maxTaps + k];
      const row = (ty.start[y] + k) * outW * channels;
      const o = y * outW * channels;
      for (let i = 0; i < outW * channels; i++) out[o + i] += w * mid[row + i];
    }
  }
  return out;
}

function checkSize(w: number, h: number): void {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
    throw new Error(`resize: target size must be positive integers, got ${w}x${h}`);
  }
}

/** Largest size with the same aspect ratio whose longer side is at most `maxSide` (never upscales). */
export function fitWithinMaxSide(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (!(maxSide > 0) || Math.max(width, height) <= maxSide) return { width, height };
  const s = maxSide / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Box-filter resize of a float RGB image. */
export function resizeRgb(img: RgbImage, width: number, height: number): RgbImage {
  if (width === img.width && height === img.height) return { width, height, data: img.data.slice() };
  const d = img.data;
  return { width, height, data: resampleInterleaved((i) => d[i], img.width, img.height, 3, width, height) };
}

/** Box-filter resize of a scalar map [H*W] (e.g. alpha). */
export function resizeScalar(map: Float32Array, inW: number, inH: number, width: number, height: number): Float32Array {
  if (width === inW && height === inH) return map.slice();
  return resampleInterleaved((i) => map[i], inW, inH, 1, width, height);
}

/**
 * Resize a depth map where 0 (or a non-finite value) means "no surface": each output pixel
 * averages only the valid input samples it covers (area-weighted), 0 if it covers none.
 */
export function resizeDepth(depth: Float32Array, inW: number, inH: number, width: number, height: number): Float32Array {
  if (width === inW && height === inH) return depth.slice();
  const valid = (v: number) => v > 0 && Number.isFinite(v);
  const pair = resampleInterleaved(
    (i) => { const v = depth[i >> 1]; const ok = valid(v); return (i & 1) === 0 ? (ok ? v : 0) : ok ? 1 : 0; },
    inW, inH, 2, width, height,
  );
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = pair[2 * i + 1] > 1e-6 ? pair[2 * i] / pair[2 * i + 1] : 0;
  return out;
}

/** Box-filter resize of 8-bit RGBA, premultiplied internally, straight alpha out. */
export function resizeRgba(img: DecodedImage, width: number, height: number): DecodedImage {
  const pre = resizeRgba8Premultiplied(img, width, height);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const a = pre[4 * i + 3];
    for (let c = 0; c < 3; c++) {
      const v = a > 1e-6 ? pre[4 * i + c] / a : 0;
      rgba[4 * i + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
    rgba[4 * i + 3] = Math.round(Math.min(1, Math.max(0, a)) * 255);
  }
  return { width, height, rgba };
}

/** 8-bit RGBA -> premultiplied float RGBA in [0,1], box-resized to (width, height): [H*W*4]. */
export function resizeRgba8Premultiplied(img: DecodedImage, width: number, height: number): Float32Array {
  const b = img.rgba;
  const read = (i: number) => {
    const a = b[i | 3] / 255;
    return (i & 3) === 3 ? a : (b[i] / 255) * a;
  };
  return resampleInterleaved(read, img.width, img.height, 4, width, height);
}

/**
 * Decode 8-bit RGBA into an RgbImage composited over `background`, box-downscaled so its
 * longer side is at most `maxSide` (0 = keep size), plus the (resized) alpha.
 */
export function rgba8ToRgbResized(
  img: DecodedImage, background: Rgb, maxSide: number,
): { image: RgbImage; alpha: Float32Array } {
  const { width, height } = fitWithinMaxSide(img.width, img.height, maxSide);
  const pre = width === img.width && height === img.height
    ? Float32Array.from(img.rgba, (v, i) => ((i & 3) === 3 ? v / 255 : (v / 255) * (img.rgba[i | 3] / 255)))
    : resizeRgba8Premultiplied(img, width, height);
  const n = width * height;
  const data = new Float32Array(n * 3);
  const alpha = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = pre[4 * i + 3];
    alpha[i] = a;
    for (let c = 0; c < 3; c++) data[3 * i + c] = pre[4 * i + c] + background[c] * (1 - a);
  }
  return { image: { width, height, data }, alpha };
}

// Conversions between the engine's float RGB images and 8-bit RGBA bytes.
//
// RgbImage holds sRGB values in [0, 1] (no gamma conversion happens anywhere here: the
// values are the encoded sRGB values divided by 255). DecodedImage is straight (not
// premultiplied) 8-bit RGBA, as PNG stores it.
import type { DecodedImage, RgbImage } from '../data/types';

export type Rgb = [number, number, number];

/** A new RgbImage filled with `fill` (black by default). */
export function createRgbImage(width: number, height: number, fill: Rgb = [0, 0, 0]): RgbImage {
  const data = new Float32Array(width * height * 3);
  if (fill[0] !== 0 || fill[1] !== 0 || fill[2] !== 0) {
    for (let i = 0; i < width * height; i++) {
      data[3 * i] = fill[0];
      data[3 * i + 1] = fill[1];
      data[3 * i + 2] = fill[2];
    }
  }
  return { width, height, data };
}

function toByte(v: number): number {
  if (!(v > 0)) return 0; // also maps NaN to 0
  if (v >= 1) return 255;
  return Math.round(v * 255);
}

/**
 * RgbImage -> 8-bit RGBA. With `alpha` ([H*W] in [0,1]) the colour is un-composited from
 * `background` first (c = (rgb - (1 - a) * bg) / a), so that compositing the result on the
 * same background gives back `img` up to 8-bit rounding; without it the image is opaque.
 */
export function encodeRgbToRgba8(
  img: RgbImage, alpha?: Float32Array, background: Rgb = [1, 1, 1],
): DecodedImage {
  const n = img.width * img.height;
  if (img.data.length !== n * 3) {
    throw new Error(`encodeRgbToRgba8: data length ${img.data.length} != ${n} * 3`);
  }
  if (alpha && alpha.length !== n) throw new Error(`encodeRgbToRgba8: alpha length ${alpha.length} != ${n}`);
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const a = alpha ? Math.min(1, Math.max(0, alpha[i])) : 1;
    for (let c = 0; c < 3; c++) {
      let v = img.data[3 * i + c];
      if (a < 1) v = a > 1e-6 ? (v - (1 - a) * background[c]) / a : 0;
      rgba[4 * i + c] = toByte(v);
    }
    rgba[4 * i + 3] = toByte(a);
  }
  return { width: img.width, height: img.height, rgba };
}

/** 8-bit RGBA -> RgbImage composited over `background` (straight alpha: c*a + bg*(1-a)). */
export function decodeRgba8ToRgb(img: DecodedImage, background: Rgb = [1, 1, 1]): RgbImage {
  const n = img.width * img.height;
  if (img.rgba.length !== n * 4) {
    throw new Error(`decodeRgba8ToRgb: rgba length ${img.rgba.length} != ${n} * 4`);
  }
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = img.rgba[4 * i + 3] / 255;
    for (let c = 0; c < 3; c++) {
      data[3 * i + c] = (img.rgba[4 * i + c] / 255) * a + background[c] * (1 - a);
    }
  }
  return { width: img.width, height: img.height, data };
}

/** The alpha channel of an RGBA image as floats in [0,1], [H*W]. */
export function alphaOfRgba8(img: DecodedImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = img.rgba[4 * i + 3] / 255;
  return out;
}

/** True when some pixel is not fully opaque. */
export function hasTransparency(img: DecodedImage): boolean {
  for (let i = 3; i < img.rgba.length; i += 4) if (img.rgba[i] !== 255) return true;
  return false;
}

/** RgbImage -> packed 8-bit RGB (3 bytes per pixel), e.g. for PNG/JPEG encoding. */
export function rgbToRgb8(img: RgbImage): Uint8Array {
  const out = new Uint8Array(img.width * img.height * 3);
  for (let i = 0; i < out.length; i++) out[i] = toByte(img.data[i]);
  return out;
}

/** Packed 8-bit RGB -> RgbImage. */
export function rgb8ToRgb(width: number, height: number, bytes: Uint8Array): RgbImage {
  if (bytes.length !== width * height * 3) {
    throw new Error(`rgb8ToRgb: byte length ${bytes.length} != ${width} * ${height} * 3`);
  }
  const data = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = bytes[i] / 255;
  return { width, height, data };
}

/** Depth (or any scalar map) -> grey RGB for previews: near = white, far/miss = black. */
export function depthToRgb(depth: Float32Array, width: number, height: number, near: number, far: number): RgbImage {
  const img = createRgbImage(width, height);
  for (let i = 0; i < width * height; i++) {
    const d = depth[i];
    const v = d > 0 && Number.isFinite(d) ? 1 - Math.min(1, Math.max(0, (d - near) / (far - near))) : 0;
    img.data[3 * i] = v;
    img.data[3 * i + 1] = v;
    img.data[3 * i + 2] = v;
  }
  return img;
}

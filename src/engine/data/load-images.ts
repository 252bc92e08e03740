// Decoding, validating and downscaling the images (and optional depth maps) of a capture.
import type { Intrinsics } from '../camera';
import { scaleIntrinsics } from '../camera';
import { resizeDepth, rgba8ToRgbResized } from '../image';
import { CaptureError, show } from './errors';
import type { CaptureFiles } from './files';
import type { RawFrame } from './formats/raw';
import type { RgbImage } from './types';

export interface ImageLimits {
  /** Largest accepted image side in pixels. */
  maxImageSide: number;
  /** Largest accepted pixel count. */
  maxImagePixels: number;
}
export const IMAGE_LIMITS_DEFAULTS: ImageLimits = { maxImageSide: 16384, maxImagePixels: 100_000_000 };

/** Throws a CaptureError naming `file` when a size is zero, non-integer or absurdly large. */
export function checkImageSize(width: number, height: number, file: string, limits: ImageLimits = IMAGE_LIMITS_DEFAULTS): void {
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new CaptureError(`image ${name} must be a positive integer, got ${show(v)}`, file, name);
    if (v > limits.maxImageSide) {
      throw new CaptureError(`image is ${width}x${height}; its ${name} exceeds the limit of ${limits.maxImageSide} px`, file, name);
    }
  }
  if (width * height > limits.maxImagePixels) {
    throw new CaptureError(`image is ${width}x${height} = ${(width * height / 1e6).toFixed(1)} Mpx, above the limit of ${limits.maxImagePixels / 1e6} Mpx`, file, 'pixels');
  }
}

export interface LoadedFrame {
  file: string;
  image: RgbImage;
  alpha: Float32Array | null;
  intrinsics: Intrinsics;
  /** Size of the image as stored (before downscaling). */
  sourceSize: { width: number; height: number };
  depth?: Float32Array;
}

export async function resolveImagePath(files: CaptureFiles, frame: RawFrame): Promise<string> {
  for (const c of frame.candidates) if (await files.exists(c)) return c;
  const tried = frame.candidates.length > 1 ? ` (also tried ${frame.candidates.slice(1, 4).map((c) => show(c)).join(', ')})` : '';
  throw new CaptureError(`image not found: ${show(frame.candidates[0])}${tried}`, frame.source.file, frame.source.field);
}

export async function loadFrame(
  files: CaptureFiles, frame: RawFrame, background: [number, number, number], maxSide: number, limits: ImageLimits,
): Promise<LoadedFrame> {
  const rel = await resolveImagePath(files, frame);
  let decoded;
  try {
    decoded = await files.decodeImage(rel);
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw new CaptureError(`cannot read image (${e instanceof Error ? e.message : String(e)})`, rel, 'image');
  }
  checkImageSize(decoded.width, decoded.height, rel, limits);
  if (decoded.rgba.length !== decoded.width * decoded.height * 4) {
    throw new CaptureError(`decoded ${decoded.rgba.length} bytes, expected ${decoded.width}x${decoded.height}x4`, rel, 'image');
  }
  const k0 = frame.intrinsicsFor(decoded.width, decoded.height);
  const { image, alpha } = rgba8ToRgbResized(decoded, background, maxSide);
  const opaque = alpha.every((a) => a >= 1);
  const intrinsics = image.width === decoded.width && image.height === decoded.height ? k0 : scaleIntrinsics(k0, image.width, image.height);
  const out: LoadedFrame = {
    file: rel, image, alpha: opaque ? null : alpha, intrinsics, sourceSize: { width: decoded.width, height: decoded.height },
  };
  if (frame.depth) {
    const d = frame.depth;
    if (d.width !== decoded.width || d.height !== decoded.height) {
      throw new CaptureError(`depth is ${d.width}x${d.height} but the image is ${decoded.width}x${decoded.height}`, frame.source.file, `${d.field}.width`);
    }
    if (!(await files.exists(d.path))) throw new CaptureError(`depth file not found: ${show(d.path)}`, frame.source.file, `${d.field}.file`);
    const bytes = await files.readBytes(d.path);
    if (bytes.length !== d.width * d.height * 4) {
      throw new CaptureError(`holds ${bytes.length} bytes, expected ${d.width}x${d.height} float32 = ${d.width * d.height * 4}`, d.path, 'data');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const depth = new Float32Array(d.width * d.height);
    for (let i = 0; i < depth.length; i++) depth[i] = view.getFloat32(4 * i, true);
    out.depth = resizeDepth(depth, d.width, d.height, image.width, image.height);
  }
  return out;
}

/** Load frames with bounded concurrency, keeping order. */
export async function loadFrames(
  files: CaptureFiles, frames: RawFrame[], background: [number, number, number], maxSide: number, limits: ImageLimits,
  concurrency = 4, onProgress?: (done: number, total: number) => void,
): Promise<LoadedFrame[]> {
  const out: LoadedFrame[] = new Array(frames.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < frames.length) {
      const i = next++;
      out[i] = await loadFrame(files, frames[i], background, maxSide, limits);
      onProgress?.(++done, frames.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, frames.length)) }, worker));
  return out;
}

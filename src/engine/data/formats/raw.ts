// What each format parser produces before images are decoded: frames with candidate image
// paths, OpenGL camera-to-world poses in the file's own units, and a way to get intrinsics
// once the real image size is known.
import type { Intrinsics, Mat4 } from '../../camera';
import { scaleIntrinsics } from '../../camera';
import { CaptureError } from '../errors';
import type { BoundsHint } from '../normalize';
import type { Capture, Split } from '../types';

export interface RawFrame {
  /** Image paths relative to the capture root, tried in order. */
  candidates: string[];
  split: Split;
  c2w: Mat4;
  /** Intrinsics for the image as decoded (throws a CaptureError if the size cannot match). */
  intrinsicsFor: (width: number, height: number) => Intrinsics;
  /** Where the frame is declared, for error messages. */
  source: { file: string; field: string };
  /** Per-view depth bounds in file units (LLFF). */
  viewBounds?: [number, number];
  /** Ground-truth depth stored next to the image (our Blender extension). */
  depth?: { path: string; width: number; height: number; field: string };
}

export interface RawCapture {
  format: Capture['format'];
  frames: RawFrame[];
  warnings: string[];
  bounds: BoundsHint;
  /** True when the format assigned splits itself; otherwise the reader holds out views. */
  splitsGiven: boolean;
  appliedTransform?: number[];
  placeholderPoses?: boolean;
  /** The file declares its world already normalised (our Blender `scene_bounds` extension). */
  normalized?: boolean;
  /** Sparse SfM points in the file's world (same frame as the poses): xyz [N*3], rgb [N*3] 0..255. */
  sparsePoints?: { xyz: Float32Array; rgb: Uint8Array };
}

/**
 * Intrinsics declared for a (declW x declH) image, applied to an image actually decoded at
 * (width x height): rescaled when the aspect ratio agrees (a downscaled copy of the images),
 * an error naming the file and field otherwise.
 */
export function fitDeclaredIntrinsics(k: Intrinsics, width: number, height: number, file: string, field: string): Intrinsics {
  if (k.width === width && k.height === height) return k;
  const ra = k.width / k.height;
  const rb = width / height;
  if (Math.abs(ra - rb) / ra > 0.01) {
    throw new CaptureError(
      `camera is declared ${k.width}x${k.height} but the image is ${width}x${height} (different aspect ratio)`,
      file, field,
    );
  }
  return scaleIntrinsics(k, width, height);
}

export function checkIntrinsics(k: Intrinsics, file: string, field: string): Intrinsics {
  for (const key of ['fx', 'fy'] as const) {
    if (!(Number.isFinite(k[key]) && k[key] > 0)) throw new CaptureError(`focal length ${key} must be > 0, got ${k[key]}`, file, field);
  }
  for (const key of ['cx', 'cy'] as const) {
    if (!Number.isFinite(k[key])) throw new CaptureError(`principal point ${key} must be finite, got ${k[key]}`, file, field);
  }
  return k;
}

/** Candidate paths for a frame path that may omit its extension (NeRF-synthetic style). */
export function imageCandidates(rel: string): string[] {
  if (/\.(png|jpe?g|webp)$/i.test(rel)) return [rel];
  return [`${rel}.png`, rel, `${rel}.jpg`, `${rel}.jpeg`, `${rel}.webp`, `${rel}.PNG`, `${rel}.JPG`];
}

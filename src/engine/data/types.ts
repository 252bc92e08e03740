// In-memory capture: what every reader produces and what reconstruction/training consume.
import type { Intrinsics, Mat4 } from '../camera';

/** Linear-ish sRGB image in [0, 1], row-major, 3 channels: data[(y * width + x) * 3 + c]. */
export interface RgbImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** Decoded image as the host hands it to the engine: 8-bit RGBA, row-major. */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export type Split = 'train' | 'val' | 'test';

export interface CaptureView {
  /** File path of the image relative to the capture root, as written in the capture. */
  file: string;
  split: Split;
  intrinsics: Intrinsics;
  /** Camera-to-world, OpenGL convention, after scene normalisation. */
  c2w: Mat4;
  image: RgbImage;
  /** Optional ground-truth depth (distance along the ray), [H*W], for procedural captures. */
  depth?: Float32Array;
}

export interface Capture {
  format: 'blender' | 'nerfstudio' | 'instant-ngp' | 'colmap' | 'llff' | 'images';
  views: CaptureView[];
  /** Background colour composited under transparent pixels, RGB in [0,1]. */
  background: [number, number, number];
  /** Axis-aligned box that contains the scene, world units after normalisation. */
  aabb: { min: [number, number, number]; max: [number, number, number] };
  near: number;
  far: number;
  /** Non-fatal problems (e.g. distortion ignored). */
  warnings: string[];
}

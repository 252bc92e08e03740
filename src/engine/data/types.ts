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
  /** Optional opacity in [0,1], [H*W] (from RGBA images or procedural renders). */
  alpha?: Float32Array;
}

/**
 * How reader coordinates map to the capture's normalised world:
 * x_norm = scale * R * (x_source - center), with R a rotation (row-major 3x3).
 * `transform` is the same map as a row-major 4x4 similarity (source -> normalised).
 */
export interface CaptureNormalization {
  method: 'none' | 'cameras' | 'bounds';
  center: [number, number, number];
  scale: number;
  rotation: number[];
  transform: number[];
  /** nerfstudio's `applied_transform` (3x4 or 4x4, row-major) when the capture had one. */
  appliedTransform?: number[];
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
  /** Set by readers: the map from the file's world to this capture's world. */
  normalization?: CaptureNormalization;
  /** True when the capture had no camera poses (plain image folder): poses are placeholders. */
  placeholderPoses?: boolean;
  /**
   * Sparse structure-from-motion points (COLMAP points3D.bin, or transforms.json's
   * `ply_file_path`), in this capture's normalised world like the cameras:
   * xyz [N*3] float, rgb [N*3] 0..255 (sRGB).
   */
  sparsePoints?: { xyz: Float32Array; rgb: Uint8Array };
}

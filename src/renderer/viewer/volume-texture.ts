// From a decoded volume.bin to the three.js objects the ray marcher draws: an RGBA8
// Data3DTexture (linear filtering, colour premultiplied by alpha) and a ShaderMaterial with the
// uniforms of volume-shader.ts. Also the tight bounds of the occupied voxels, for fitting the
// camera to what is actually there rather than to the whole (mostly empty) aabb.
import {
  BackSide, ClampToEdgeWrapping, CustomBlending, Data3DTexture, GLSL3, LinearFilter, NoColorSpace,
  OneFactor, OneMinusSrcAlphaFactor, RGBAFormat, ShaderMaterial, UnsignedByteType, Vector3,
} from 'three';
import type { DecodedVolume } from '../../shared/volume-file';
import type { Bounds } from './camera-fit';
import {
  VOLUME_FRAGMENT_SHADER, VOLUME_VERTEX_SHADER, volumeUniformValues, type VolumeRenderOptions,
} from './volume-shader';

/** RGBA8 voxels with r, g, b multiplied by a / 255 (a copy; the input is left alone). */
export function premultiplyVoxels(voxels: Uint8Array): Uint8Array {
  const out = new Uint8Array(voxels.length);
  for (let i = 0; i < voxels.length; i += 4) {
    const a = voxels[i + 3];
    out[i] = Math.round((voxels[i] * a) / 255);
    out[i + 1] = Math.round((voxels[i + 1] * a) / 255);
    out[i + 2] = Math.round((voxels[i + 2] * a) / 255);
    out[i + 3] = a;
  }
  return out;
}

/**
 * World-space bounds of the voxels whose alpha is at least `minAlpha` (0..255), or null when
 * none is. Voxel (x, y, z) spans min + [x, x + 1] * size / n on each axis.
 */
export function occupiedBounds(volume: Pick<DecodedVolume, 'resolution' | 'aabb' | 'voxels'>, minAlpha = 32): Bounds | null {
  const [nx, ny, nz] = volume.resolution;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = 4 * nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        if (volume.voxels[row + 4 * x + 3] < minAlpha) continue;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
        if (y < lo[1]) lo[1] = y;
        if (y > hi[1]) hi[1] = y;
        if (z < lo[2]) lo[2] = z;
        if (z > hi[2]) hi[2] = z;
      }
    }
  }
  if (lo[0] === Infinity) return null;
  const { min, max } = volume.aabb;
  const at = (axis: number, index: number) => min[axis] + ((max[axis] - min[axis]) * index) / volume.resolution[axis];
  return {
    min: [at(0, lo[0]), at(1, lo[1]), at(2, lo[2])],
    max: [at(0, hi[0] + 1), at(1, hi[1] + 1), at(2, hi[2] + 1)],
  };
}

/** The 3D texture of a volume (the caller disposes it). */
export function createVolumeTexture(volume: Pick<DecodedVolume, 'resolution' | 'voxels'>): Data3DTexture {
  const [nx, ny, nz] = volume.resolution;
  const texture = new Data3DTexture(premultiplyVoxels(volume.voxels), nx, ny, nz);
  texture.format = RGBAFormat;
  texture.type = UnsignedByteType;
  texture.colorSpace = NoColorSpace;
  texture.minFilter = LinearFilter;
  texture.magFilter = LinearFilter;
  texture.wrapS = ClampToEdgeWrapping;
  texture.wrapT = ClampToEdgeWrapping;
  texture.wrapR = ClampToEdgeWrapping;
  texture.unpackAlignment = 1;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  return texture;
}

/** The ray-marching material for `texture` (the caller disposes it; it does not own the texture). */
export function createVolumeMaterial(
  texture: Data3DTexture,
  volume: Pick<DecodedVolume, 'aabb' | 'maxDensity' | 'resolution'>,
  options: Partial<VolumeRenderOptions> = {},
): ShaderMaterial {
  const u = volumeUniformValues(volume, options);
  return new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: VOLUME_VERTEX_SHADER,
    fragmentShader: VOLUME_FRAGMENT_SHADER,
    uniforms: {
      uVolume: { value: texture },
      uBoxMin: { value: new Vector3(...u.boxMin) },
      uBoxMax: { value: new Vector3(...u.boxMax) },
      uSigmaScale: { value: u.sigmaScale },
      uStepLength: { value: u.stepLength },
      uSteps: { value: u.steps },
      uOpacityCutoff: { value: u.opacityCutoff },
      uJitter: { value: u.jitter },
    },
    side: BackSide,
    transparent: true,
    depthWrite: false,
    depthTest: false,
    // Premultiplied "over": dst = src + (1 - src.a) * dst.
    blending: CustomBlending,
    blendSrc: OneFactor,
    blendDst: OneMinusSrcAlphaFactor,
    blendSrcAlpha: OneFactor,
    blendDstAlpha: OneMinusSrcAlphaFactor,
    toneMapped: false,
  });
}

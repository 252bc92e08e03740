// The viewer's volume file (`volume.bin` in a scene folder): a baked radiance field quantized to
// RGBA8 so the renderer can upload it as one 3D texture and ray-march it in a shader.
//
// Layout (little endian):
//   0  magic "PLXV"            4  u32 version (1)
//   8  u32 nx, ny, nz         20  f32 aabb min[3], max[3]
//  44  f32 maxDensity (sigma per world unit that alpha 255 stands for)
//  48  u8[nx*ny*nz*4] voxels: r, g, b (colour), a = round(255 * min(1, sigma / maxDensity)),
//      voxel index x + nx * (y + ny * z), the BakedGrid order of src/engine/grid/types.ts.
// Pure (no Node, no DOM) so main writes it and the renderer reads it with the same code.

export const VOLUME_MAGIC = 'PLXV';
export const VOLUME_VERSION = 1;
const HEADER_BYTES = 48;
/** 256^3 voxels (64 MiB) is far beyond what the viewer needs; anything larger is a broken file. */
export const VOLUME_MAX_VOXELS = 256 ** 3;

type Vec3 = [number, number, number];

export interface VolumeGrid {
  resolution: Vec3;
  aabb: { min: Vec3; max: Vec3 };
  /** Density sigma per voxel [nx*ny*nz]. */
  density: Float32Array;
  /** RGB in [0, 1], 3 per voxel. */
  rgb: Float32Array;
}

export interface DecodedVolume {
  resolution: Vec3;
  aabb: { min: Vec3; max: Vec3 };
  maxDensity: number;
  /** RGBA8 voxels [nx*ny*nz*4]. */
  voxels: Uint8Array;
}

export class VolumeFileError extends Error {
  constructor(readonly source: string, readonly field: string, message: string) {
    super(`${source}: ${field}: ${message}`);
    this.name = 'VolumeFileError';
  }
}

function checkResolution(res: readonly number[], source: string): number {
  if (res.length !== 3 || res.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new VolumeFileError(source, 'resolution', `must be three positive integers, got ${JSON.stringify(res)}`);
  }
  const count = res[0] * res[1] * res[2];
  if (count > VOLUME_MAX_VOXELS) throw new VolumeFileError(source, 'resolution', `${res.join('x')} exceeds ${VOLUME_MAX_VOXELS} voxels`);
  return count;
}

/**
 * Quantize a grid. `maxDensity` defaults to the 99.5th percentile of the positive densities, so a
 * few extreme voxels do not flatten the rest of the alpha range.
 */
export function encodeVolume(grid: VolumeGrid, maxDensity?: number): Uint8Array {
  const count = checkResolution(grid.resolution, 'encodeVolume');
  if (grid.density.length !== count || grid.rgb.length !== 3 * count) {
    throw new VolumeFileError('encodeVolume', 'density', `expected ${count} densities and ${3 * count} colours, got ${grid.density.length} and ${grid.rgb.length}`);
  }
  const scale = maxDensity ?? robustMax(grid.density);
  const out = new Uint8Array(HEADER_BYTES + 4 * count);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = VOLUME_MAGIC.charCodeAt(i);
  view.setUint32(4, VOLUME_VERSION, true);
  grid.resolution.forEach((n, i) => view.setUint32(8 + 4 * i, n, true));
  [...grid.aabb.min, ...grid.aabb.max].forEach((v, i) => view.setFloat32(20 + 4 * i, v, true));
  view.setFloat32(44, scale, true);
  const to8 = (v: number) => Math.max(0, Math.min(255, Math.round(255 * (Number.isFinite(v) ? v : 0))));
  for (let i = 0; i < count; i++) {
    const o = HEADER_BYTES + 4 * i;
    out[o] = to8(grid.rgb[3 * i]);
    out[o + 1] = to8(grid.rgb[3 * i + 1]);
    out[o + 2] = to8(grid.rgb[3 * i + 2]);
    out[o + 3] = scale > 0 ? to8(grid.density[i] / scale) : 0;
  }
  return out;
}

function robustMax(density: Float32Array): number {
  const positive = Array.from(density).filter((d) => Number.isFinite(d) && d > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 1;
  return positive[Math.min(positive.length - 1, Math.floor(0.995 * positive.length))];
}

/** Parse and check a volume file; errors name `source` and the offending field. */
export function decodeVolume(bytes: Uint8Array, source = 'volume.bin'): DecodedVolume {
  if (bytes.length < HEADER_BYTES) throw new VolumeFileError(source, 'header', `file is ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== VOLUME_MAGIC) throw new VolumeFileError(source, 'magic', `expected "${VOLUME_MAGIC}", got ${JSON.stringify(magic)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VOLUME_VERSION) throw new VolumeFileError(source, 'version', `unsupported version ${version} (this build reads ${VOLUME_VERSION})`);
  const resolution: Vec3 = [view.getUint32(8, true), view.getUint32(12, true), view.getUint32(16, true)];
  const count = checkResolution(resolution, source);
  const f = (i: number) => view.getFloat32(20 + 4 * i, true);
  const min: Vec3 = [f(0), f(1), f(2)];
  const max: Vec3 = [f(3), f(4), f(5)];
  if ([...min, ...max].some((v) => !Number.isFinite(v)) || min.some((v, i) => v >= max[i])) {
    throw new VolumeFileError(source, 'aabb', `min ${JSON.stringify(min)} must be finite and below max ${JSON.stringify(max)}`);
  }
  const maxDensity = view.getFloat32(44, true);
  if (!Number.isFinite(maxDensity) || maxDensity < 0) throw new VolumeFileError(source, 'maxDensity', `must be finite and >= 0, got ${maxDensity}`);
  if (bytes.length !== HEADER_BYTES + 4 * count) {
    throw new VolumeFileError(source, 'voxels', `expected ${4 * count} voxel bytes for ${resolution.join('x')}, got ${bytes.length - HEADER_BYTES}`);
  }
  return { resolution, aabb: { min, max }, maxDensity, voxels: bytes.subarray(HEADER_BYTES) };
}

// Mesh types and options shared by extraction, cleanup, decimation and texture baking.
import type { BakedGrid } from '../grid/types';

/**
 * Indexed triangle mesh in world units (+Y up, metres after scene normalisation).
 * Triangles are counter-clockwise seen from outside (right-hand normal points outward).
 */
export interface Mesh {
  /** [V*3] xyz. */
  positions: Float32Array;
  /** [V*3] unit normals pointing out of the object. */
  normals: Float32Array;
  /** [V*3] RGB in [0,1], the same (sRGB-encoded) values as the grid's rgb. */
  colors: Float32Array;
  /** [T*3] vertex indices, three per triangle. */
  indices: Uint32Array;
}

/**
 * Which scalar field the surface is a level set of.
 * - 'opacity': alpha = 1 - exp(-sigma * voxelSize), the opacity one voxel of the medium has
 *   (NeRF quadrature, Max 1995). Resolution-aware and bounded in [0,1]; iso 0.5 puts the
 *   surface where a voxel-thick slab hides half of what is behind it. This is the default:
 *   fitted densities have no natural scale, opacities do.
 * - 'density': sigma itself (per world unit); pick the iso-level yourself.
 */
export type MeshField = 'opacity' | 'density';

export interface MeshOptions {
  field: MeshField;
  /** Level of the chosen field; null = 0.5 for 'opacity', ln(2)/voxelSize for 'density'. */
  isoLevel: number | null;
  /** Treat everything outside the grid as empty so surfaces touching the box are closed. */
  closeBoundary: boolean;
  /** Colour sampling: 'opacity' weights the 8 trilinear corners by their opacity, so empty
   *  voxels (whose colour is meaningless) don't bleed into the surface; 'plain' is trilinear. */
  colorWeighting: 'opacity' | 'plain';
  /** Drop components with fewer triangles than this fraction of the largest one (floaters). */
  minComponentFraction: number;
  /** Drop components with fewer triangles than this count. */
  minComponentTriangles: number;
  /** Keep only the N largest components (0 = keep all that pass the size filters). */
  keepLargest: number;
}

export const MESH_DEFAULTS: MeshOptions = {
  field: 'opacity',
  isoLevel: null,
  closeBoundary: true,
  colorWeighting: 'opacity',
  minComponentFraction: 0.01,
  minComponentTriangles: 8,
  keepLargest: 0,
};

export interface DecimateOptions {
  /** Target fraction of triangles to keep, in (0, 1]. */
  ratio: number;
  /** Maximum geometric error relative to the mesh extent (meshoptimizer's target_error). */
  targetError: number;
  /** Weight of the vertex colours in the simplification error (0 = geometry only). */
  colorWeight: number;
  /** Keep open borders in place. */
  lockBorder: boolean;
}

export const DECIMATE_DEFAULTS: DecimateOptions = {
  ratio: 0.5,
  targetError: 0.01,
  colorWeight: 0.5,
  lockBorder: false,
};

/** RGBA8 texture plus the per-vertex UVs (glTF convention: origin top-left, v down). */
export interface MeshTexture {
  /** [V*2] UV per vertex of the mesh it belongs to. */
  uvs: Float32Array;
  width: number;
  height: number;
  /** [H*W*4] row-major RGBA8, sRGB. */
  rgba: Uint8Array;
}

export interface TexturedMesh {
  /** Unwelded mesh: three vertices per triangle (every triangle owns its atlas cell). */
  mesh: Mesh;
  texture: MeshTexture;
}

export interface TextureBakeOptions {
  /** Side of the square atlas cell holding two triangles, texels (>= 6). */
  cellSize: number;
  /** Largest allowed texture side, texels. */
  maxSize: number;
  /** Round the atlas sides up to powers of two (friendlier to mipmapping engines). */
  powerOfTwo: boolean;
  /** Colour source: a grid samples colour at each texel's surface point; null interpolates
   *  the vertex colours. */
  grid: BakedGrid | null;
}

export const TEXTURE_BAKE_DEFAULTS: TextureBakeOptions = {
  cellSize: 8,
  maxSize: 4096,
  powerOfTwo: true,
  grid: null,
};

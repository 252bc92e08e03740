// Baked colour texture with a per-triangle atlas (simple, valid, no seams to solve).
//
// Layout: triangles are paired; pair p owns square cell p of side c texels in a
// row-major grid of cells. Triangle 2p takes the cell's lower-left half, 2p+1 the
// upper-right half (in texel space, y down). Corners are inset by a 1-texel margin from
// the cell border and the halves keep a 2-texel gap across the diagonal, so bilinear
// filtering never reads a neighbour's texels. Set minFilter to LINEAR (no mipmaps) when
// sampling: mip levels would blend cells (the GLB writer does this).
//
// Steps:
//  1. Choose the atlas size (cells per row ~ sqrt(pairs), sides rounded up to powers of
//     two unless disabled); fail if it exceeds maxSize.
//  2. Unweld the mesh (three vertices per triangle) and assign each corner its UV.
//  3. For every texel of a cell: pick the half it lies in, barycentric coordinates in that
//     triangle's UV (clamped onto the triangle), the 3D point, its colour (grid trilinear,
//     or the vertex colours interpolated).
import { opacityStep, sampleColor, validateGrid } from './grid-sampling';
import { TEXTURE_BAKE_DEFAULTS, type Mesh, type TextureBakeOptions, type TexturedMesh } from './types';

const FILE = 'src/engine/mesh/texture-bake.ts';
const MARGIN = 1;
const GAP = 2;

export function bakeTexture(mesh: Mesh, options: Partial<TextureBakeOptions> = {}): TexturedMesh {
  const o = { ...TEXTURE_BAKE_DEFAULTS, ...options };
  if (!Number.isInteger(o.cellSize) || o.cellSize < 6) {
    throw new Error(`${FILE}: options.cellSize must be an integer >= 6, got ${o.cellSize}`);
  }
  if (o.grid) validateGrid(o.grid);
  const triCount = mesh.indices.length / 3;
  if (triCount === 0) throw new Error(`${FILE}: mesh.indices is empty, nothing to bake`);
  // 1.
  const c = o.cellSize;
  const pairs = Math.ceil(triCount / 2);
  const fit = (v: number): number => (o.powerOfTwo ? 2 ** Math.ceil(Math.log2(v)) : v);
  const width = fit(Math.ceil(Math.sqrt(pairs)) * c);
  const cols = Math.floor(width / c);
  const rows = Math.ceil(pairs / cols);
  const height = fit(rows * c);
  if (width > o.maxSize || height > o.maxSize) {
    throw new Error(`${FILE}: ${triCount} triangles need a ${width}x${height} atlas at cellSize ${c}, ` +
      `above options.maxSize ${o.maxSize}; decimate the mesh or lower cellSize`);
  }
  // Corner UVs of the two halves, in texels relative to the cell origin.
  const lo = MARGIN, hi = c - MARGIN;
  const halves = [
    [[lo, lo], [hi - GAP, lo], [lo, hi - GAP]],
    [[hi, hi], [lo + GAP, hi], [hi, lo + GAP]],
  ];
  // 2.
  const positions = new Float32Array(9 * triCount);
  const normals = new Float32Array(9 * triCount);
  const colors = new Float32Array(9 * triCount);
  const uvs = new Float32Array(6 * triCount);
  for (let t = 0; t < triCount; t++) {
    const cell = t >> 1;
    const x0 = (cell % cols) * c, y0 = Math.floor(cell / cols) * c;
    const half = halves[t & 1];
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[3 * t + k], to = 3 * t + k;
      for (let a = 0; a < 3; a++) {
        positions[3 * to + a] = mesh.positions[3 * v + a];
        normals[3 * to + a] = mesh.normals[3 * v + a];
        colors[3 * to + a] = mesh.colors[3 * v + a];
      }
      uvs[2 * to] = (x0 + half[k][0]) / width;
      uvs[2 * to + 1] = (y0 + half[k][1]) / height;
    }
  }
  // 3.
  const rgba = new Uint8Array(4 * width * height);
  const delta = o.grid ? opacityStep(o.grid) : 0;
  const rgb = new Float32Array(3);
  const bary = new Float64Array(3);
  for (let cell = 0; cell < pairs; cell++) {
    const x0 = (cell % cols) * c, y0 = Math.floor(cell / cols) * c;
    for (let ty = 0; ty < c; ty++) {
      for (let tx = 0; tx < c; tx++) {
        const qx = tx + 0.5, qy = ty + 0.5;
        let t = 2 * cell + (qx + qy > c ? 1 : 0);
        if (t >= triCount) t = 2 * cell; // odd count: the last cell has one triangle
        barycentric(halves[t & 1], qx, qy, bary);
        let px = 0, py = 0, pz = 0;
        for (let k = 0; k < 3; k++) {
          const v = 3 * (3 * t + k);
          px += bary[k] * positions[v]; py += bary[k] * positions[v + 1]; pz += bary[k] * positions[v + 2];
        }
        if (o.grid) {
          sampleColor(o.grid, px, py, pz, 'opacity', rgb, 0, delta);
        } else {
          for (let a = 0; a < 3; a++) {
            rgb[a] = bary[0] * colors[9 * t + a] + bary[1] * colors[9 * t + 3 + a] + bary[2] * colors[9 * t + 6 + a];
          }
        }
        const at = 4 * (x0 + tx + width * (y0 + ty));
        for (let a = 0; a < 3; a++) rgba[at + a] = Math.round(255 * Math.min(Math.max(rgb[a], 0), 1));
        rgba[at + 3] = 255;
      }
    }
  }
  return { mesh: { positions, normals, colors, indices: Uint32Array.from({ length: 3 * triCount }, (_, i) => i) },
    texture: { uvs, width, height, rgba } };
}

/** Barycentric coordinates of q in triangle tri, clamped onto the triangle. */
function barycentric(tri: number[][], qx: number, qy: number, out: Float64Array): void {
  const [[ax, ay], [bx, by], [cx, cy]] = tri;
  const d = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  let u = ((bx - qx) * (cy - qy) - (cx - qx) * (by - qy)) / d;
  let v = ((cx - qx) * (ay - qy) - (ax - qx) * (cy - qy)) / d;
  u = Math.max(u, 0);
  v = Math.max(v, 0);
  let w = Math.max(1 - u - v, 0);
  const s = u + v + w;
  u /= s; v /= s; w /= s;
  out[0] = u; out[1] = v; out[2] = w;
}

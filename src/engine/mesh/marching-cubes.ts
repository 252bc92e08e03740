// Marching cubes (Lorensen & Cline 1987) over a regular scalar volume, with welded vertices.
//
// Symbols: f = the scalar field (values), c = iso-level; inside means f > c. The surface
// is {x : f(x) = c}; its outward normal is -grad f / |grad f| (f grows into the object).
//
// Steps:
//  1. Visit the cubes slab by slab (z), keeping vertex ids of the grid edges of the two
//     z-layers of the current slab (x- and y-edges) and of its z-edges, so each grid edge
//     gets one vertex however many cubes use it (welding in O(nx*ny) memory).
//  2. Per cube: 8-bit inside mask; resolve ambiguous faces with the asymptotic decider
//     (sign of the bilinear interpolant at its saddle); look up the triangulation.
//  3. A new vertex lies where the linear interpolant along its edge equals c; its normal
//     is -grad f (central differences at both edge ends, interpolated the same way),
//     falling back to area-weighted face normals where the gradient vanishes.
// Not differentiable (a discrete extraction); the result is a plain mesh.
import { GrowableFloat32, GrowableUint32 } from './growable';
import { CaseTable, CUBE_EDGES, CUBE_FACES, cornerOffset, faceIsAmbiguous } from './mc-cases';

export interface ScalarVolume {
  /** Sample counts along x, y, z (each >= 2). */
  dims: [number, number, number];
  /** [nx*ny*nz] samples, index x + nx * (y + ny * z). */
  values: Float32Array;
  /** World position of sample (0, 0, 0). */
  origin: [number, number, number];
  /** World distance between neighbouring samples along x, y, z. */
  spacing: [number, number, number];
}

export interface IsoSurface {
  positions: Float32Array; // [V*3]
  normals: Float32Array; // [V*3], unit, outward
  indices: Uint32Array; // [T*3], counter-clockwise seen from outside
}

const CORNERS = Array.from({ length: 8 }, (_, c) => cornerOffset(c));
const AMBIGUOUS_FACES: number[][] = Array.from({ length: 256 }, (_, mask) =>
  [0, 1, 2, 3, 4, 5].filter((f) => faceIsAmbiguous(mask, f)));
const TABLE = new CaseTable();

export function marchingCubes(vol: ScalarVolume, iso: number): IsoSurface {
  const [nx, ny, nz] = vol.dims;
  const f = vol.values;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 2) || f.length !== nx * ny * nz) {
    throw new Error(`src/engine/mesh/marching-cubes.ts: volume.dims ${JSON.stringify(vol.dims)} need integers >= 2 ` +
      `and volume.values of length nx*ny*nz, got ${f.length}`);
  }
  if (!Number.isFinite(iso)) throw new Error(`src/engine/mesh/marching-cubes.ts: iso must be finite, got ${iso}`);
  const sxy = nx * ny;
  const [ox, oy, oz] = vol.origin;
  const [hx, hy, hz] = vol.spacing;
  const positions = new GrowableFloat32(4096);
  const normals = new GrowableFloat32(4096);
  const indices = new GrowableUint32(8192);

  // Step 1: edge -> vertex id maps. Layer "lo" is z = k, "hi" is z = k + 1.
  let xLo = new Int32Array(sxy).fill(-1);
  let yLo = new Int32Array(sxy).fill(-1);
  let xHi = new Int32Array(sxy).fill(-1);
  let yHi = new Int32Array(sxy).fill(-1);
  const zMid = new Int32Array(sxy).fill(-1);

  const gradient = (x: number, y: number, z: number, out: Float64Array, o: number): void => {
    const s = x + nx * (y + ny * z);
    const xa = x > 0 ? s - 1 : s, xb = x < nx - 1 ? s + 1 : s;
    const ya = y > 0 ? s - nx : s, yb = y < ny - 1 ? s + nx : s;
    const za = z > 0 ? s - sxy : s, zb = z < nz - 1 ? s + sxy : s;
    out[o] = (f[xb] - f[xa]) / (((xb - xa) || 1) * hx);
    out[o + 1] = (f[yb] - f[ya]) / ((((yb - ya) / nx) || 1) * hy);
    out[o + 2] = (f[zb] - f[za]) / ((((zb - za) / sxy) || 1) * hz);
  };
  const g = new Float64Array(6);

  // Step 3: a vertex on the edge between corners a and b of cube (i, j, k).
  const makeVertex = (i: number, j: number, k: number, a: number, b: number): number => {
    const [ax, ay, az] = CORNERS[a];
    const [bx, by, bz] = CORNERS[b];
    const va = f[i + ax + nx * (j + ay + ny * (k + az))];
    const vb = f[i + bx + nx * (j + by + ny * (k + bz))];
    let t = va === vb ? 0.5 : (iso - va) / (vb - va);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const px = i + ax + t * (bx - ax), py = j + ay + t * (by - ay), pz = k + az + t * (bz - az);
    positions.push3(ox + px * hx, oy + py * hy, oz + pz * hz);
    gradient(i + ax, j + ay, k + az, g, 0);
    gradient(i + bx, j + by, k + bz, g, 3);
    normals.push3(
      -(g[0] + t * (g[3] - g[0])), -(g[1] + t * (g[4] - g[1])), -(g[2] + t * (g[5] - g[2])));
    return positions.length / 3 - 1;
  };

  const vertexOnEdge = (i: number, j: number, k: number, e: number): number => {
    const c = i + nx * j;
    let map: Int32Array;
    let at: number;
    switch (e) {
      case 0: map = xLo; at = c; break;
      case 1: map = xLo; at = c + nx; break;
      case 2: map = xHi; at = c; break;
      case 3: map = xHi; at = c + nx; break;
      case 4: map = yLo; at = c; break;
      case 5: map = yLo; at = c + 1; break;
      case 6: map = yHi; at = c; break;
      case 7: map = yHi; at = c + 1; break;
      case 8: map = zMid; at = c; break;
      case 9: map = zMid; at = c + 1; break;
      case 10: map = zMid; at = c + nx; break;
      default: map = zMid; at = c + nx + 1; break;
    }
    let v = map[at];
    if (v < 0) {
      const [a, b] = CUBE_EDGES[e];
      v = makeVertex(i, j, k, a, b);
      map[at] = v;
    }
    return v;
  };

  // A vertex at the mean of a loop's edge vertices (rare loops, see mc-cases.ts step 3).
  const centroidIds: number[] = [];
  const makeCentroid = (i: number, j: number, k: number, loop: number[]): number => {
    const sum = [0, 0, 0, 0, 0, 0];
    for (const e of loop) {
      const v = 3 * vertexOnEdge(i, j, k, e);
      for (let a = 0; a < 3; a++) {
        sum[a] += positions.at(v + a);
        sum[a + 3] += normals.at(v + a);
      }
    }
    positions.push3(sum[0] / loop.length, sum[1] / loop.length, sum[2] / loop.length);
    normals.push3(sum[3], sum[4], sum[5]);
    return positions.length / 3 - 1;
  };

  const val = new Float64Array(8);
  for (let k = 0; k + 1 < nz; k++) {
    if (k > 0) {
      [xLo, xHi] = [xHi, xLo];
      [yLo, yHi] = [yHi, yLo];
      xHi.fill(-1);
      yHi.fill(-1);
      zMid.fill(-1);
    }
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        // Step 2: inside mask.
        const s = i + nx * (j + ny * k);
        val[0] = f[s]; val[1] = f[s + 1]; val[2] = f[s + nx]; val[3] = f[s + nx + 1];
        val[4] = f[s + sxy]; val[5] = f[s + sxy + 1]; val[6] = f[s + sxy + nx]; val[7] = f[s + sxy + nx + 1];
        let mask = 0;
        for (let c = 0; c < 8; c++) if (val[c] > iso) mask |= 1 << c;
        if (mask === 0 || mask === 255) continue;
        let joined = 0;
        for (const face of AMBIGUOUS_FACES[mask]) {
          const [c0, c1, c2, c3] = CUBE_FACES[face];
          const g0 = val[c0] - iso, g1 = val[c1] - iso, g2 = val[c2] - iso, g3 = val[c3] - iso;
          // Saddle value (g0 g2 - g1 g3) / (g0 + g2 - g1 - g3); the denominator has the
          // sign of g0 on an ambiguous face, so compare signs only (exact, and identical for
          // the neighbouring cube that walks the face the other way round).
          const num = g0 * g2 - g1 * g3;
          if (g0 > 0 ? num > 0 : num < 0) joined |= 1 << face; // inside corners meet
        }
        const { triangles: tri, centroids } = TABLE.get(mask, joined);
        for (let m = 0; m < centroids.length; m++) centroidIds[m] = makeCentroid(i, j, k, centroids[m]);
        for (let t = 0; t < tri.length; t++) {
          const code = tri[t];
          indices.push(code < 12 ? vertexOnEdge(i, j, k, code) : centroidIds[code - 12]);
        }
      }
    }
  }
  const out = { positions: positions.toArray(), normals: normals.toArray(), indices: indices.toArray() };
  normaliseNormals(out);
  return out;
}

/** Unit normals; where the field gradient vanished use area-weighted face normals. */
function normaliseNormals(m: IsoSurface): void {
  const { positions: p, normals: n, indices } = m;
  let degenerate = false;
  for (let v = 0; v < n.length; v += 3) {
    const len = Math.hypot(n[v], n[v + 1], n[v + 2]);
    if (len > 1e-12) {
      n[v] /= len; n[v + 1] /= len; n[v + 2] /= len;
    } else {
      n[v] = 0; n[v + 1] = 0; n[v + 2] = 0;
      degenerate = true;
    }
  }
  if (!degenerate) return;
  const faceSum = new Float64Array(n.length);
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    const cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
    faceSum[a] += cx; faceSum[a + 1] += cy; faceSum[a + 2] += cz;
    faceSum[b] += cx; faceSum[b + 1] += cy; faceSum[b + 2] += cz;
    faceSum[c] += cx; faceSum[c + 1] += cy; faceSum[c + 2] += cz;
  }
  for (let v = 0; v < n.length; v += 3) {
    if (n[v] !== 0 || n[v + 1] !== 0 || n[v + 2] !== 0) continue;
    const len = Math.hypot(faceSum[v], faceSum[v + 1], faceSum[v + 2]);
    if (len > 1e-30) {
      n[v] = faceSum[v] / len; n[v + 1] = faceSum[v + 1] / len; n[v + 2] = faceSum[v + 2] / len;
    } else {
      n[v + 1] = 1; // isolated degenerate vertex: any unit vector keeps exporters valid
    }
  }
}

// Per-Gaussian preprocessing of the rasterizer (3DGS Sec. 4 and 6, EWA splatting, Zwicker et
// al. 2001) and its analytic backward pass. Shapes, N = Gaussians:
//   in : positions [N*3], logScales [N*3], rotations [N*4] (w,x,y,z), opacityLogits [N],
//        shDc [N*3], shRest [N*3*R] (R = restPerChannel of the storage degree, [g][channel][coef])
//   out: mean2d [N*2] px, conic [N*3] (A, B, C of the inverse 2D covariance), depth [N],
//        radius [N] (0 = culled), rect [N*4] tile range [x0, y0, x1, y1), color [N*3],
//        opacity [N] (sigmoid), clamped [N*3] (colour channel clamped at 0)
// Equations: Sigma = R S S^T R^T (Eq. 6); Sigma' = J W Sigma W^T J^T (Eq. 5) + 0.3 I (the
// reference's low-pass dilation); J the perspective Jacobian at the camera-space mean, its
// x/z, y/z clamped to 1.3 x the field of view as the reference does.
import { TILE, type SplatCamera } from './camera';
import { shBasis, shBasisGrad } from './sh';
import { SH_C0 } from './types';

export const DILATION = 0.3;

export interface GaussianArrays {
  positions: Float32Array; logScales: Float32Array; rotations: Float32Array;
  opacityLogits: Float32Array; shDc: Float32Array; shRest: Float32Array;
}

export interface Projected {
  mean2d: Float32Array; conic: Float32Array; depth: Float32Array; radius: Int32Array;
  rect: Int32Array; color: Float32Array; opacity: Float32Array; clamped: Uint8Array;
}

/** Active SH degree and the per-channel stride of the stored rest coefficients. */
export interface ShLayout { degree: number; restPerChannel: number }

/** Quaternion (normalised inside) -> row-major rotation matrix. */
function quatToRot(w: number, x: number, y: number, z: number, R: Float64Array): void {
  R[0] = 1 - 2 * (y * y + z * z); R[1] = 2 * (x * y - w * z); R[2] = 2 * (x * z + w * y);
  R[3] = 2 * (x * y + w * z); R[4] = 1 - 2 * (x * x + z * z); R[5] = 2 * (y * z - w * x);
  R[6] = 2 * (x * z - w * y); R[7] = 2 * (y * z + w * x); R[8] = 1 - 2 * (x * x + y * y);
}

/** Camera-space mean, Jacobian terms and 2D covariance of one Gaussian (reused, no allocation). */
class Geometry {
  x = 0; y = 0; z = 0; cxr = 0; cyr = 0; clampX = false; clampY = false;
  a = 0; b = 0; c = 0; qlen = 1;
  T = new Float64Array(6); qn = new Float64Array(4); s = new Float64Array(3);
}

/** Scratch arrays reused across calls (one set per thread). */
export class ProjectScratch {
  R = new Float64Array(9); M = new Float64Array(9); S = new Float64Array(6);
  basis = new Float64Array(16); dBasis = new Float64Array(48);
  GS = new Float64Array(9); dM = new Float64Array(9); dR = new Float64Array(9);
  Sm = new Float64Array(9); TS = new Float64Array(6); dT = new Float64Array(6);
  geo = new Geometry();
}

/** Fill sc.geo for Gaussian i; false when it is behind the near plane. */
function geometry(g: GaussianArrays, cam: SplatCamera, i: number, sc: ProjectScratch): boolean {
  const p = g.positions, W = cam.rot, ge = sc.geo;
  const px = p[3 * i], py = p[3 * i + 1], pz = p[3 * i + 2];
  const x = W[0] * px + W[1] * py + W[2] * pz + cam.trans[0];
  const y = W[3] * px + W[4] * py + W[5] * pz + cam.trans[1];
  const z = W[6] * px + W[7] * py + W[8] * pz + cam.trans[2];
  if (!(z > cam.near)) return false;
  const q = g.rotations;
  const qw = q[4 * i], qx = q[4 * i + 1], qy = q[4 * i + 2], qz = q[4 * i + 3];
  const qlen = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz) || 1;
  const qn = ge.qn;
  qn[0] = qw / qlen; qn[1] = qx / qlen; qn[2] = qy / qlen; qn[3] = qz / qlen;
  const { R, M, S } = sc;
  quatToRot(qn[0], qn[1], qn[2], qn[3], R);
  const s = ge.s;
  s[0] = Math.exp(g.logScales[3 * i]); s[1] = Math.exp(g.logScales[3 * i + 1]); s[2] = Math.exp(g.logScales[3 * i + 2]);
  for (let r = 0; r < 3; r++) { M[3 * r] = R[3 * r] * s[0]; M[3 * r + 1] = R[3 * r + 1] * s[1]; M[3 * r + 2] = R[3 * r + 2] * s[2]; }
  // S = M M^T, stored xx, xy, xz, yy, yz, zz
  S[0] = M[0] * M[0] + M[1] * M[1] + M[2] * M[2]; S[1] = M[0] * M[3] + M[1] * M[4] + M[2] * M[5];
  S[2] = M[0] * M[6] + M[1] * M[7] + M[2] * M[8]; S[3] = M[3] * M[3] + M[4] * M[4] + M[5] * M[5];
  S[4] = M[3] * M[6] + M[4] * M[7] + M[5] * M[8]; S[5] = M[6] * M[6] + M[7] * M[7] + M[8] * M[8];
  const inv = 1 / z;
  const rx = x * inv, ry = y * inv;
  const cxr = Math.min(cam.limX, Math.max(-cam.limX, rx)), cyr = Math.min(cam.limY, Math.max(-cam.limY, ry));
  const j00 = cam.fx * inv, j02 = -cam.fx * cxr * inv, j11 = cam.fy * inv, j12 = -cam.fy * cyr * inv;
  // T = J W (2x3)
  const T = ge.T;
  T[0] = j00 * W[0] + j02 * W[6]; T[1] = j00 * W[1] + j02 * W[7]; T[2] = j00 * W[2] + j02 * W[8];
  T[3] = j11 * W[3] + j12 * W[6]; T[4] = j11 * W[4] + j12 * W[7]; T[5] = j11 * W[5] + j12 * W[8];
  // Sigma' = T S T^T: first U = T S (2x3), then U T^T.
  const u0 = T[0] * S[0] + T[1] * S[1] + T[2] * S[2], u1 = T[0] * S[1] + T[1] * S[3] + T[2] * S[4], u2 = T[0] * S[2] + T[1] * S[4] + T[2] * S[5];
  const v0 = T[3] * S[0] + T[4] * S[1] + T[5] * S[2], v1 = T[3] * S[1] + T[4] * S[3] + T[5] * S[4], v2 = T[3] * S[2] + T[4] * S[4] + T[5] * S[5];
  ge.a = u0 * T[0] + u1 * T[1] + u2 * T[2] + DILATION;
  ge.b = u0 * T[3] + u1 * T[4] + u2 * T[5];
  ge.c = v0 * T[3] + v1 * T[4] + v2 * T[5] + DILATION;
  ge.x = x; ge.y = y; ge.z = z; ge.cxr = cxr; ge.cyr = cyr; ge.clampX = cxr !== rx; ge.clampY = cyr !== ry; ge.qlen = qlen;
  return true;
}

/** Project Gaussians [from, to) into `out` (see the file header for shapes). */
export function projectRange(g: GaussianArrays, sh: ShLayout, cam: SplatCamera, from: number, to: number, out: Projected, sc: ProjectScratch): void {
  const K = (sh.degree + 1) * (sh.degree + 1), R = sh.restPerChannel;
  for (let i = from; i < to; i++) {
    out.radius[i] = 0;
    if (!geometry(g, cam, i, sc)) continue;
    const ge = sc.geo;
    const det = ge.a * ge.c - ge.b * ge.b;
    if (!(det > 0)) continue;
    const mid = 0.5 * (ge.a + ge.c);
    const lambda = mid + Math.sqrt(Math.max(0.1, mid * mid - det));
    const radius = Math.ceil(3 * Math.sqrt(lambda));
    const mx = cam.fx * ge.x / ge.z + cam.cx, my = cam.fy * ge.y / ge.z + cam.cy;
    // Pixel px has its centre at px + 0.5; tiles whose pixel centres lie within the radius.
    const x0 = Math.max(0, Math.min(cam.tilesX, Math.floor((mx - radius) / TILE)));
    const x1 = Math.max(0, Math.min(cam.tilesX, Math.floor((mx + radius) / TILE) + 1));
    const y0 = Math.max(0, Math.min(cam.tilesY, Math.floor((my - radius) / TILE)));
    const y1 = Math.max(0, Math.min(cam.tilesY, Math.floor((my + radius) / TILE) + 1));
    if (x0 >= x1 || y0 >= y1) continue;
    out.radius[i] = radius;
    out.rect[4 * i] = x0; out.rect[4 * i + 1] = y0; out.rect[4 * i + 2] = x1; out.rect[4 * i + 3] = y1;
    out.mean2d[2 * i] = mx; out.mean2d[2 * i + 1] = my;
    out.conic[3 * i] = ge.c / det; out.conic[3 * i + 1] = -ge.b / det; out.conic[3 * i + 2] = ge.a / det;
    out.depth[i] = ge.z;
    out.opacity[i] = 1 / (1 + Math.exp(-g.opacityLogits[i]));
    const p = g.positions;
    let dx = p[3 * i] - cam.campos[0], dy = p[3 * i + 1] - cam.campos[1], dz = p[3 * i + 2] - cam.campos[2];
    const dl = Math.sqrt(dx * dx + dy * dy + dz * dz) || 1; // (not Math.hypot: several times slower in V8)
    dx /= dl; dy /= dl; dz /= dl;
    shBasis(dx, dy, dz, sh.degree, sc.basis);
    for (let ch = 0; ch < 3; ch++) {
      let v = SH_C0 * g.shDc[3 * i + ch] + 0.5;
      const base = (3 * i + ch) * R - 1;
      for (let k = 1; k < K; k++) v += sc.basis[k] * g.shRest[base + k];
      out.clamped[3 * i + ch] = v < 0 ? 1 : 0;
      out.color[3 * i + ch] = v < 0 ? 0 : v;
    }
  }
}

/** Per-Gaussian gradient record that the tile backward accumulates: 9 floats per Gaussian. */
export const GRAD_STRIDE = 9; // d mean2d (2), d conic (A, B, C), d colour (3), d opacity

/**
 * Backward of projectRange for Gaussians [from, to): `g2d` holds dL/d(mean2d, conic, colour,
 * opacity) [N*9]; writes dL/d(parameters) into `grad` (same layout as the parameters,
 * overwritten for visible Gaussians, zeroed for culled ones). Returns nothing; also writes
 * |dL/d mean2d| in NDC units (x W/2, y H/2: the reference's densification statistic) to ndcGrad[i].
 */
export function projectBackwardRange(
  g: GaussianArrays, sh: ShLayout, cam: SplatCamera, proj: Projected, g2d: Float32Array,
  from: number, to: number, grad: GaussianArrays, ndcGrad: Float32Array, sc: ProjectScratch,
): void {
  const K = (sh.degree + 1) * (sh.degree + 1), R = sh.restPerChannel;
  const W = cam.rot;
  for (let i = from; i < to; i++) {
    const o9 = GRAD_STRIDE * i;
    // Zeroed element by element: fill() on a few floats costs more than the stores.
    for (let a = 3 * i; a < 3 * i + 3; a++) { grad.positions[a] = 0; grad.logScales[a] = 0; grad.shDc[a] = 0; }
    for (let a = 4 * i; a < 4 * i + 4; a++) grad.rotations[a] = 0;
    for (let a = 3 * i * R; a < 3 * (i + 1) * R; a++) grad.shRest[a] = 0;
    grad.opacityLogits[i] = 0;
    ndcGrad[i] = 0;
    if (proj.radius[i] === 0) continue;
    geometry(g, cam, i, sc);
    const ge = sc.geo;
    const { x, y, z, T } = ge;
    const gmx = g2d[o9], gmy = g2d[o9 + 1];
    const ngx = gmx * 0.5 * cam.width, ngy = gmy * 0.5 * cam.height;
    ndcGrad[i] = Math.sqrt(ngx * ngx + ngy * ngy);
    // conic Q = inv(Sigma'): dL/dSigma' = -Q Gq Q with Gq the symmetric matrix gradient.
    const A = proj.conic[3 * i], B = proj.conic[3 * i + 1], C = proj.conic[3 * i + 2];
    const ga = g2d[o9 + 2], gb = 0.5 * g2d[o9 + 3], gc = g2d[o9 + 4];
    const p00 = ga * A + gb * B, p01 = ga * B + gb * C, p10 = gb * A + gc * B, p11 = gb * B + gc * C;
    const G00 = -(A * p00 + B * p10), G01 = -(A * p01 + B * p11), G11 = -(B * p01 + C * p11);
    // Sigma' = T Sigma T^T: dL/dSigma = T^T G T (3x3), dL/dT = 2 G T Sigma.
    const S = sc.S;
    const Sm = sc.Sm;
    Sm[0] = S[0]; Sm[1] = S[1]; Sm[2] = S[2]; Sm[3] = S[1]; Sm[4] = S[3]; Sm[5] = S[4]; Sm[6] = S[2]; Sm[7] = S[4]; Sm[8] = S[5];
    const GS = sc.GS;
    for (let k = 0; k < 3; k++) {
      for (let l = 0; l < 3; l++) {
        GS[3 * k + l] = T[k] * G00 * T[l] + T[k] * G01 * T[3 + l] + T[3 + k] * G01 * T[l] + T[3 + k] * G11 * T[3 + l];
      }
    }
    const TS = sc.TS;
    for (let r = 0; r < 2; r++) for (let l = 0; l < 3; l++) TS[3 * r + l] = T[3 * r] * Sm[l] + T[3 * r + 1] * Sm[3 + l] + T[3 * r + 2] * Sm[6 + l];
    const dT = sc.dT;
    for (let l = 0; l < 3; l++) { dT[l] = 2 * (G00 * TS[l] + G01 * TS[3 + l]); dT[3 + l] = 2 * (G01 * TS[l] + G11 * TS[3 + l]); }
    // T = J W: dL/dJ = dT W^T; only J00, J02, J11, J12 are non-zero.
    const dJ00 = dT[0] * W[0] + dT[1] * W[1] + dT[2] * W[2];
    const dJ02 = dT[0] * W[6] + dT[1] * W[7] + dT[2] * W[8];
    const dJ11 = dT[3] * W[3] + dT[4] * W[4] + dT[5] * W[5];
    const dJ12 = dT[3] * W[6] + dT[4] * W[7] + dT[5] * W[8];
    const fx = cam.fx, fy = cam.fy, iz = 1 / z, iz2 = iz * iz;
    // J02 = -fx * cxr / z with cxr = clamp(x / z): d/dx and d/dz through the clamp.
    const dcxdx = ge.clampX ? 0 : iz, dcxdz = ge.clampX ? 0 : -x * iz2;
    const dcydy = ge.clampY ? 0 : iz, dcydz = ge.clampY ? 0 : -y * iz2;
    const gx = dJ02 * (-fx * iz * dcxdx) + gmx * fx * iz;
    const gy = dJ12 * (-fy * iz * dcydy) + gmy * fy * iz;
    const gz = dJ00 * (-fx * iz2) + dJ02 * (fx * ge.cxr * iz2 - fx * iz * dcxdz) + dJ11 * (-fy * iz2)
      + dJ12 * (fy * ge.cyr * iz2 - fy * iz * dcydz) - gmx * fx * x * iz2 - gmy * fy * y * iz2;
    // Sigma = M M^T, M = R diag(s): dL/dM = 2 GS M.
    const M = sc.M, Rm = sc.R;
    const dM = sc.dM;
    for (let r = 0; r < 3; r++) for (let cc = 0; cc < 3; cc++) dM[3 * r + cc] = 2 * (GS[3 * r] * M[cc] + GS[3 * r + 1] * M[3 + cc] + GS[3 * r + 2] * M[6 + cc]);
    for (let j = 0; j < 3; j++) {
      const ds = dM[j] * Rm[j] + dM[3 + j] * Rm[3 + j] + dM[6 + j] * Rm[6 + j];
      grad.logScales[3 * i + j] = ds * ge.s[j];
    }
    const dR = sc.dR;
    for (let r = 0; r < 3; r++) for (let cc = 0; cc < 3; cc++) dR[3 * r + cc] = dM[3 * r + cc] * ge.s[cc];
    const w = ge.qn[0], qx = ge.qn[1], qy = ge.qn[2], qz = ge.qn[3];
    const gw = 2 * (-qz * dR[1] + qy * dR[2] + qz * dR[3] - qx * dR[5] - qy * dR[6] + qx * dR[7]);
    const gqx = 2 * (qy * dR[1] + qz * dR[2] + qy * dR[3] - 2 * qx * dR[4] - w * dR[5] + qz * dR[6] + w * dR[7] - 2 * qx * dR[8]);
    const gqy = 2 * (-2 * qy * dR[0] + qx * dR[1] + w * dR[2] + qx * dR[3] + qz * dR[5] - w * dR[6] + qz * dR[7] - 2 * qy * dR[8]);
    const gqz = 2 * (-2 * qz * dR[0] - w * dR[1] + qx * dR[2] + w * dR[3] - 2 * qz * dR[4] + qy * dR[5] + qx * dR[6] + qy * dR[7]);
    // Through the normalisation q / |q|.
    const dot = w * gw + qx * gqx + qy * gqy + qz * gqz;
    grad.rotations[4 * i] = (gw - w * dot) / ge.qlen; grad.rotations[4 * i + 1] = (gqx - qx * dot) / ge.qlen;
    grad.rotations[4 * i + 2] = (gqy - qy * dot) / ge.qlen; grad.rotations[4 * i + 3] = (gqz - qz * dot) / ge.qlen;
    // Colour: SH coefficients and the view direction's dependence on the position.
    const p = g.positions;
    let dx = p[3 * i] - cam.campos[0], dy = p[3 * i + 1] - cam.campos[1], dz = p[3 * i + 2] - cam.campos[2];
    const dl = Math.sqrt(dx * dx + dy * dy + dz * dz) || 1; // (not Math.hypot: several times slower in V8)
    dx /= dl; dy /= dl; dz /= dl;
    shBasis(dx, dy, dz, sh.degree, sc.basis);
    let gdx = 0, gdy = 0, gdz = 0;
    if (K > 1) shBasisGrad(dx, dy, dz, sh.degree, sc.dBasis);
    for (let ch = 0; ch < 3; ch++) {
      if (proj.clamped[3 * i + ch]) continue;
      const gcol = g2d[o9 + 5 + ch];
      grad.shDc[3 * i + ch] = SH_C0 * gcol;
      const base = (3 * i + ch) * R - 1;
      for (let k = 1; k < K; k++) {
        grad.shRest[base + k] = sc.basis[k] * gcol;
        const cf = g.shRest[base + k] * gcol;
        gdx += cf * sc.dBasis[3 * k]; gdy += cf * sc.dBasis[3 * k + 1]; gdz += cf * sc.dBasis[3 * k + 2];
      }
    }
    const dd = dx * gdx + dy * gdy + dz * gdz;
    const op = proj.opacity[i];
    grad.opacityLogits[i] = g2d[o9 + 8] * op * (1 - op);
    // Position: camera-space gradient back to world (W^T) plus the direction term.
    grad.positions[3 * i] = W[0] * gx + W[3] * gy + W[6] * gz + (gdx - dx * dd) / dl;
    grad.positions[3 * i + 1] = W[1] * gx + W[4] * gy + W[7] * gz + (gdy - dy * dd) / dl;
    grad.positions[3 * i + 2] = W[2] * gx + W[5] * gy + W[8] * gz + (gdz - dz * dd) / dl;
  }
}

// Tile rasterizer of 3D Gaussian splats (3DGS Sec. 6) and its backward pass.
// The image is cut into 16x16 tiles; every Gaussian is listed under each tile its 3-sigma
// rectangle touches, each tile's list is sorted front to back by camera depth, and each pixel
// composites its tile's list front to back (Eq. 3): C = sum_i c_i a_i T_i + T_end * bg with
// a_i = min(0.99, o_i G_i(pixel)), Gaussians with a_i < 1/255 skipped, and the pixel stops
// before T would fall below 1e-4 (the reference's clamps). The backward pass walks each
// pixel's list back to front, recovering T_i by division as the reference does.
// Shapes: image [H*W*3] row-major RGB, finalT [H*W], nContrib [H*W] (exclusive end index
// into the tile's range of `ids`), offsets [tiles + 1], ids [pairs].
import { TILE, type SplatCamera } from './camera';
import { GRAD_STRIDE, type Projected } from './project';

export const ALPHA_MAX = 0.99;
export const ALPHA_MIN = 1 / 255;
export const T_MIN = 1e-4;
/** Tile-list sort keys hold the Gaussian index in their low 21 bits. */
export const MAX_GAUSSIANS = 1 << 21;

export interface TileLists { offsets: Int32Array; ids: Int32Array }

/** The compositing thresholds (the reference's values; tests lower them to check the smooth part). */
export interface Clamps { alphaMin: number; tMin: number }
export const CLAMPS_DEFAULTS: Clamps = { alphaMin: ALPHA_MIN, tMin: T_MIN };

export interface RasterOut { image: Float32Array; finalT: Float32Array; nContrib: Int32Array }

/** offsets[t + 1] = number of Gaussians touching tile t (prefix-summed); returns the pair count. */
export function countTiles(proj: Projected, n: number, cam: SplatCamera, offsets: Int32Array): number {
  offsets.fill(0);
  const tx = cam.tilesX;
  for (let i = 0; i < n; i++) {
    if (proj.radius[i] === 0) continue;
    const r = proj.rect;
    for (let y = r[4 * i + 1]; y < r[4 * i + 3]; y++) for (let x = r[4 * i]; x < r[4 * i + 2]; x++) offsets[y * tx + x + 1]++;
  }
  for (let t = 0; t < cam.tilesX * cam.tilesY; t++) offsets[t + 1] += offsets[t];
  return offsets[cam.tilesX * cam.tilesY];
}

/** Fill ids per tile in Gaussian order (sorted by depth later, per tile, in rasterTile). */
export function fillTiles(proj: Projected, n: number, cam: SplatCamera, offsets: Int32Array, ids: Int32Array, cursor: Int32Array): void {
  const tiles = cam.tilesX * cam.tilesY, tx = cam.tilesX, r = proj.rect;
  cursor.set(offsets.subarray(0, tiles));
  for (let i = 0; i < n; i++) {
    if (proj.radius[i] === 0) continue;
    for (let y = r[4 * i + 1]; y < r[4 * i + 3]; y++) for (let x = r[4 * i]; x < r[4 * i + 2]; x++) ids[cursor[y * tx + x]++] = i;
  }
}

export class RasterScratch {
  keys = new Float64Array(256);
  local = new Float64Array(256 * 10);
  depthBits = new Uint32Array(1);
  depthF = new Float32Array(this.depthBits.buffer);
  ensure(count: number): void {
    if (this.keys.length < count) { this.keys = new Float64Array(count * 2); this.local = new Float64Array(count * 20); }
  }
}

/** Sort tile t's ids by depth (ties by index: deterministic) in place. */
export function sortTile(t: number, proj: Projected, lists: TileLists, sc: RasterScratch): void {
  const s = lists.offsets[t], e = lists.offsets[t + 1], n = e - s;
  if (n < 2) return;
  sc.ensure(n);
  const keys = sc.keys.subarray(0, n);
  for (let j = 0; j < n; j++) {
    const id = lists.ids[s + j];
    sc.depthF[0] = proj.depth[id]; // positive floats order like their bit patterns
    keys[j] = sc.depthBits[0] * MAX_GAUSSIANS + id;
  }
  keys.sort();
  for (let j = 0; j < n; j++) lists.ids[s + j] = keys[j] % MAX_GAUSSIANS;
}

/**
 * Copy a tile's Gaussians into a local array [n*10]: mx, my, A, B, C, opacity, r, g, b and
 * ln(alphaMin / opacity), the exponent below which alpha < alphaMin: the skip is tested on the
 * exponent, before exp(), identically in forward and backward.
 */
const LS = 10;
function gather(t: number, proj: Projected, lists: TileLists, sc: RasterScratch, alphaMin: number): Float64Array {
  const s = lists.offsets[t], n = lists.offsets[t + 1] - s;
  sc.ensure(n);
  const L = sc.local;
  for (let j = 0; j < n; j++) {
    const id = lists.ids[s + j], o = LS * j;
    L[o] = proj.mean2d[2 * id]; L[o + 1] = proj.mean2d[2 * id + 1];
    L[o + 2] = proj.conic[3 * id]; L[o + 3] = proj.conic[3 * id + 1]; L[o + 4] = proj.conic[3 * id + 2];
    L[o + 5] = proj.opacity[id];
    L[o + 6] = proj.color[3 * id]; L[o + 7] = proj.color[3 * id + 1]; L[o + 8] = proj.color[3 * id + 2];
    L[o + 9] = Math.log(alphaMin / proj.opacity[id]);
  }
  return L;
}

/** Forward composite of tile t (its list must be sorted). */
export function rasterTile(t: number, cam: SplatCamera, bg: ArrayLike<number>, proj: Projected, lists: TileLists, out: RasterOut, sc: RasterScratch, clamps: Clamps = CLAMPS_DEFAULTS): void {
  const aMin = clamps.alphaMin, tMin = clamps.tMin;
  const L = gather(t, proj, lists, sc, aMin);
  const n = lists.offsets[t + 1] - lists.offsets[t];
  const tx0 = (t % cam.tilesX) * TILE, ty0 = Math.floor(t / cam.tilesX) * TILE;
  const xe = Math.min(cam.width, tx0 + TILE), ye = Math.min(cam.height, ty0 + TILE);
  for (let py = ty0; py < ye; py++) {
    for (let px = tx0; px < xe; px++) {
      const fx = px + 0.5, fy = py + 0.5;
      let T = 1, r = 0, g = 0, b = 0, last = 0;
      for (let j = 0; j < n; j++) {
        const o = LS * j;
        const dx = L[o] - fx, dy = L[o + 1] - fy;
        const power = -0.5 * (L[o + 2] * dx * dx + L[o + 4] * dy * dy) - L[o + 3] * dx * dy;
        if (power > 0 || power < L[o + 9]) continue; // power < ln(aMin / o) <=> alpha < aMin
        const alpha = Math.min(ALPHA_MAX, L[o + 5] * Math.exp(power));
        const nextT = T * (1 - alpha);
        if (nextT < tMin) break;
        const w = alpha * T;
        r += L[o + 6] * w; g += L[o + 7] * w; b += L[o + 8] * w;
        T = nextT;
        last = j + 1;
      }
      const p = py * cam.width + px;
      out.image[3 * p] = r + T * bg[0]; out.image[3 * p + 1] = g + T * bg[1]; out.image[3 * p + 2] = b + T * bg[2];
      out.finalT[p] = T; out.nContrib[p] = last;
    }
  }
}

/**
 * Backward of tile t: adds dL/d(mean2d, conic, colour, opacity) of its Gaussians into `grad`
 * [N*GRAD_STRIDE] given dL/dimage `gImage` [H*W*3].
 */
export function rasterTileBackward(
  t: number, cam: SplatCamera, bg: ArrayLike<number>, proj: Projected, lists: TileLists, out: RasterOut,
  gImage: Float32Array, grad: Float32Array, sc: RasterScratch, clamps: Clamps = CLAMPS_DEFAULTS,
): void {
  const aMin = clamps.alphaMin;
  const L = gather(t, proj, lists, sc, aMin);
  const s = lists.offsets[t];
  const tx0 = (t % cam.tilesX) * TILE, ty0 = Math.floor(t / cam.tilesX) * TILE;
  const xe = Math.min(cam.width, tx0 + TILE), ye = Math.min(cam.height, ty0 + TILE);
  for (let py = ty0; py < ye; py++) {
    for (let px = tx0; px < xe; px++) {
      const p = py * cam.width + px, last = out.nContrib[p];
      if (last === 0) continue;
      const fx = px + 0.5, fy = py + 0.5;
      const gr = gImage[3 * p], gg = gImage[3 * p + 1], gb = gImage[3 * p + 2];
      const Tend = out.finalT[p];
      const bgDot = bg[0] * gr + bg[1] * gg + bg[2] * gb;
      let T = Tend, accR = 0, accG = 0, accB = 0, lastA = 0, lastR = 0, lastG = 0, lastB = 0;
      for (let j = last - 1; j >= 0; j--) {
        const o = LS * j;
        const dx = L[o] - fx, dy = L[o + 1] - fy;
        const cA = L[o + 2], cB = L[o + 3], cC = L[o + 4];
        const power = -0.5 * (cA * dx * dx + cC * dy * dy) - cB * dx * dy;
        if (power > 0 || power < L[o + 9]) continue;
        const G = Math.exp(power), op = L[o + 5];
        const raw = op * G, alpha = Math.min(ALPHA_MAX, raw);
        T = T / (1 - alpha);
        const w = alpha * T;
        const id = lists.ids[s + j], q = GRAD_STRIDE * id;
        grad[q + 5] += w * gr; grad[q + 6] += w * gg; grad[q + 7] += w * gb;
        // Colour of everything behind j, as seen through j (the reference's accum_rec).
        accR = lastA * lastR + (1 - lastA) * accR;
        accG = lastA * lastG + (1 - lastA) * accG;
        accB = lastA * lastB + (1 - lastA) * accB;
        lastA = alpha; lastR = L[o + 6]; lastG = L[o + 7]; lastB = L[o + 8];
        let dA = ((lastR - accR) * gr + (lastG - accG) * gg + (lastB - accB) * gb) * T;
        dA += (-Tend / (1 - alpha)) * bgDot;
        if (raw > ALPHA_MAX) continue; // alpha clamped: no gradient to opacity or shape
        grad[q + 8] += G * dA;
        const gG = op * dA * G; // dL/dpower
        grad[q] += -gG * (cA * dx + cB * dy);
        grad[q + 1] += -gG * (cB * dx + cC * dy);
        grad[q + 2] += -0.5 * gG * dx * dx;
        grad[q + 3] += -gG * dx * dy;
        grad[q + 4] += -0.5 * gG * dy * dy;
      }
    }
  }
}

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

const TILE_PX = TILE * TILE;

export class RasterScratch {
  keys = new Float64Array(256);
  local = new Float64Array(256 * 10);
  /** Per listed Gaussian: its pixel box inside the tile [n*4]: x0, y0, x1, y1 (exclusive ends). */
  box = new Int32Array(256 * 4);
  depthBits = new Uint32Array(1);
  depthF = new Float32Array(this.depthBits.buffer);
  // Per-pixel compositing state of one tile [TILE*TILE], row-major inside the tile.
  T = new Float64Array(TILE_PX); r = new Float64Array(TILE_PX); g = new Float64Array(TILE_PX); b = new Float64Array(TILE_PX);
  last = new Int32Array(TILE_PX); done = new Uint8Array(TILE_PX);
  accR = new Float64Array(TILE_PX); accG = new Float64Array(TILE_PX); accB = new Float64Array(TILE_PX);
  lastA = new Float64Array(TILE_PX); lastR = new Float64Array(TILE_PX); lastG = new Float64Array(TILE_PX); lastB = new Float64Array(TILE_PX);
  gR = new Float64Array(TILE_PX); gG = new Float64Array(TILE_PX); gB = new Float64Array(TILE_PX); bgT = new Float64Array(TILE_PX);
  ensure(count: number): void {
    if (this.keys.length < count) { this.keys = new Float64Array(count * 2); this.local = new Float64Array(count * 20); this.box = new Int32Array(count * 8); }
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
 * exponent, before exp(), identically in forward and backward. Also each Gaussian's pixel box
 * inside the tile [n*4]: the bounding box of the ellipse power >= ln(alphaMin / opacity), i.e.
 * d^T Q d <= r2 = 2 ln(opacity / alphaMin), whose half extents are sqrt(r2 Sigma'_xx) and
 * sqrt(r2 Sigma'_yy) (Sigma' = Q^-1), widened by BOX_MARGIN px so rounding never drops a pixel
 * the per-pixel test would keep. Pixels outside the box fail that test, so looping over boxes
 * (Gaussian-major) composites exactly what testing every pixel against the whole list would.
 */
const LS = 10;
const BOX_MARGIN = 0.01;
function gather(t: number, cam: SplatCamera, proj: Projected, lists: TileLists, sc: RasterScratch, alphaMin: number): Float64Array {
  const s = lists.offsets[t], n = lists.offsets[t + 1] - s;
  sc.ensure(n);
  const L = sc.local, box = sc.box;
  const tx0 = (t % cam.tilesX) * TILE, ty0 = Math.floor(t / cam.tilesX) * TILE;
  const xe = Math.min(cam.width, tx0 + TILE), ye = Math.min(cam.height, ty0 + TILE);
  for (let j = 0; j < n; j++) {
    const id = lists.ids[s + j], o = LS * j;
    const mx = proj.mean2d[2 * id], my = proj.mean2d[2 * id + 1];
    const A = proj.conic[3 * id], B = proj.conic[3 * id + 1], C = proj.conic[3 * id + 2], op = proj.opacity[id];
    L[o] = mx; L[o + 1] = my; L[o + 2] = A; L[o + 3] = B; L[o + 4] = C; L[o + 5] = op;
    L[o + 6] = proj.color[3 * id]; L[o + 7] = proj.color[3 * id + 1]; L[o + 8] = proj.color[3 * id + 2];
    const lnThr = Math.log(alphaMin / op);
    L[o + 9] = lnThr;
    let x0 = tx0, x1 = xe, y0 = ty0, y1 = ye;
    const det = A * C - B * B, r2 = -2 * lnThr;
    if (!(r2 > 0)) { x1 = x0; y1 = y0; } else if (det > 0 && Number.isFinite(r2)) {
      const hx = Math.sqrt((r2 * C) / det) + BOX_MARGIN, hy = Math.sqrt((r2 * A) / det) + BOX_MARGIN;
      // Pixel px has its centre at px + 0.5: keep |mx - px - 0.5| <= hx.
      x0 = Math.max(tx0, Math.ceil(mx - 0.5 - hx)); x1 = Math.min(xe, Math.floor(mx - 0.5 + hx) + 1);
      y0 = Math.max(ty0, Math.ceil(my - 0.5 - hy)); y1 = Math.min(ye, Math.floor(my - 0.5 + hy) + 1);
      if (!(x0 < x1 && y0 < y1)) { x1 = x0; y1 = y0; }
    }
    box[4 * j] = x0; box[4 * j + 1] = y0; box[4 * j + 2] = x1; box[4 * j + 3] = y1;
  }
  return L;
}

/**
 * Forward composite of tile t (its list must be sorted). Gaussian-major: each Gaussian, front
 * to back, updates the per-pixel state of the pixels in its box, so a pixel sees the same
 * sequence of operations as a per-pixel walk over the whole list (same results, bit for bit)
 * at the cost of the boxes' areas instead of pixels x list length.
 */
export function rasterTile(t: number, cam: SplatCamera, bg: ArrayLike<number>, proj: Projected, lists: TileLists, out: RasterOut, sc: RasterScratch, clamps: Clamps = CLAMPS_DEFAULTS): void {
  const aMin = clamps.alphaMin, tMin = clamps.tMin;
  const L = gather(t, cam, proj, lists, sc, aMin), box = sc.box;
  const n = lists.offsets[t + 1] - lists.offsets[t];
  const tx0 = (t % cam.tilesX) * TILE, ty0 = Math.floor(t / cam.tilesX) * TILE;
  const xe = Math.min(cam.width, tx0 + TILE), ye = Math.min(cam.height, ty0 + TILE);
  const { T, r, g, b, last, done } = sc;
  T.fill(1); r.fill(0); g.fill(0); b.fill(0); last.fill(0); done.fill(0);
  let active = (xe - tx0) * (ye - ty0);
  for (let j = 0; j < n && active > 0; j++) {
    const o = LS * j, x0 = box[4 * j], x1 = box[4 * j + 2], y1 = box[4 * j + 3];
    const mx = L[o], my = L[o + 1], cA = L[o + 2], cB = L[o + 3], cC = L[o + 4], op = L[o + 5], lnThr = L[o + 9];
    const cr = L[o + 6], cg = L[o + 7], cb = L[o + 8];
    for (let py = box[4 * j + 1]; py < y1; py++) {
      const dy = my - (py + 0.5), row = (py - ty0) * TILE - tx0;
      for (let px = x0; px < x1; px++) {
        const l = row + px;
        if (done[l]) continue;
        const dx = mx - (px + 0.5);
        const power = -0.5 * (cA * dx * dx + cC * dy * dy) - cB * dx * dy;
        if (power > 0 || power < lnThr) continue; // power < ln(aMin / o) <=> alpha < aMin
        const alpha = Math.min(ALPHA_MAX, op * Math.exp(power));
        const Tl = T[l], nextT = Tl * (1 - alpha);
        if (nextT < tMin) { done[l] = 1; active--; continue; }
        const w = alpha * Tl;
        r[l] += cr * w; g[l] += cg * w; b[l] += cb * w;
        T[l] = nextT;
        last[l] = j + 1;
      }
    }
  }
  for (let py = ty0; py < ye; py++) {
    for (let px = tx0; px < xe; px++) {
      const l = (py - ty0) * TILE + px - tx0, p = py * cam.width + px, Tl = T[l];
      out.image[3 * p] = r[l] + Tl * bg[0]; out.image[3 * p + 1] = g[l] + Tl * bg[1]; out.image[3 * p + 2] = b[l] + Tl * bg[2];
      out.finalT[p] = Tl; out.nContrib[p] = last[l];
    }
  }
}

/**
 * Backward of tile t: adds dL/d(mean2d, conic, colour, opacity) of its Gaussians into `grad`
 * [N*GRAD_STRIDE] given dL/dimage `gImage` [H*W*3]. Gaussian-major, back to front: each
 * pixel's state (T recovered by division, the colour behind, as in the reference) is updated
 * in the same order as a per-pixel backward walk; each Gaussian's gradient is summed over its
 * box in float64 and added to `grad` once per tile.
 */
export function rasterTileBackward(
  t: number, cam: SplatCamera, bg: ArrayLike<number>, proj: Projected, lists: TileLists, out: RasterOut,
  gImage: Float32Array, grad: Float32Array, sc: RasterScratch, clamps: Clamps = CLAMPS_DEFAULTS,
): void {
  const aMin = clamps.alphaMin;
  const s = lists.offsets[t];
  const tx0 = (t % cam.tilesX) * TILE, ty0 = Math.floor(t / cam.tilesX) * TILE;
  const xe = Math.min(cam.width, tx0 + TILE), ye = Math.min(cam.height, ty0 + TILE);
  const { T, last, accR, accG, accB, lastA, lastR, lastG, lastB, gR, gG, gB, bgT } = sc;
  let maxLast = 0;
  for (let py = ty0; py < ye; py++) {
    for (let px = tx0; px < xe; px++) {
      const l = (py - ty0) * TILE + px - tx0, p = py * cam.width + px;
      const gr = gImage[3 * p], gg = gImage[3 * p + 1], gb = gImage[3 * p + 2];
      T[l] = out.finalT[p]; last[l] = out.nContrib[p]; if (last[l] > maxLast) maxLast = last[l];
      gR[l] = gr; gG[l] = gg; gB[l] = gb;
      bgT[l] = -out.finalT[p] * (bg[0] * gr + bg[1] * gg + bg[2] * gb); // -T_end (bg . dL/dC)
      accR[l] = 0; accG[l] = 0; accB[l] = 0; lastA[l] = 0; lastR[l] = 0; lastG[l] = 0; lastB[l] = 0;
    }
  }
  if (maxLast === 0) return;
  const L = gather(t, cam, proj, lists, sc, aMin), box = sc.box;
  for (let j = maxLast - 1; j >= 0; j--) {
    const o = LS * j, x0 = box[4 * j], x1 = box[4 * j + 2], y1 = box[4 * j + 3];
    const mx = L[o], my = L[o + 1], cA = L[o + 2], cB = L[o + 3], cC = L[o + 4], op = L[o + 5], lnThr = L[o + 9];
    const cr = L[o + 6], cg = L[o + 7], cb = L[o + 8];
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, hit = false;
    for (let py = box[4 * j + 1]; py < y1; py++) {
      const dy = my - (py + 0.5), row = (py - ty0) * TILE - tx0;
      for (let px = x0; px < x1; px++) {
        const l = row + px;
        if (j >= last[l]) continue;
        const dx = mx - (px + 0.5);
        const power = -0.5 * (cA * dx * dx + cC * dy * dy) - cB * dx * dy;
        if (power > 0 || power < lnThr) continue;
        const G = Math.exp(power), raw = op * G, alpha = Math.min(ALPHA_MAX, raw);
        const Tl = T[l] / (1 - alpha);
        T[l] = Tl;
        const w = alpha * Tl, gr = gR[l], gg = gG[l], gb = gB[l];
        hit = true;
        s5 += w * gr; s6 += w * gg; s7 += w * gb;
        // Colour of everything behind j, as seen through j (the reference's accum_rec).
        const la = lastA[l];
        const aR = la * lastR[l] + (1 - la) * accR[l], aG = la * lastG[l] + (1 - la) * accG[l], aB = la * lastB[l] + (1 - la) * accB[l];
        accR[l] = aR; accG[l] = aG; accB[l] = aB;
        lastA[l] = alpha; lastR[l] = cr; lastG[l] = cg; lastB[l] = cb;
        const dA = ((cr - aR) * gr + (cg - aG) * gg + (cb - aB) * gb) * Tl + bgT[l] / (1 - alpha);
        if (raw > ALPHA_MAX) continue; // alpha clamped: no gradient to opacity or shape
        s8 += G * dA;
        const gPow = op * dA * G; // dL/dpower
        s0 -= gPow * (cA * dx + cB * dy);
        s1 -= gPow * (cB * dx + cC * dy);
        s2 -= 0.5 * gPow * dx * dx;
        s3 -= gPow * dx * dy;
        s4 -= 0.5 * gPow * dy * dy;
      }
    }
    if (!hit) continue;
    const q = GRAD_STRIDE * lists.ids[s + j];
    grad[q] += s0; grad[q + 1] += s1; grad[q + 2] += s2; grad[q + 3] += s3; grad[q + 4] += s4;
    grad[q + 5] += s5; grad[q + 6] += s6; grad[q + 7] += s7; grad[q + 8] += s8;
  }
}

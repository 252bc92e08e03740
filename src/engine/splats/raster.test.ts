// The Gaussian-major tile rasterizer (each Gaussian updates only the pixels of its box) against
// a plain per-pixel walk over the whole sorted tile list, as the reference rasterizer does it:
// with the reference clamps (1/255 skip, early stop) the image, final transmittance and
// contributor counts must agree bit for bit, so the boxes never drop a pixel that counts.
import { describe, expect, it } from 'vitest';
import { intrinsicsFromFocal, lookAt } from '../camera';
import { Prng } from '../recon/prng';
import { TILE, splatCamera, type SplatCamera } from './camera';
import type { GaussianArrays, Projected } from './project';
import { ALPHA_MAX, ALPHA_MIN, T_MIN, type TileLists } from './raster';
import { SplatRasterizer } from './rasterizer';

function scene(n: number, rng: Prng): GaussianArrays {
  const g: GaussianArrays = {
    positions: new Float32Array(3 * n), logScales: new Float32Array(3 * n), rotations: new Float32Array(4 * n),
    opacityLogits: new Float32Array(n), shDc: new Float32Array(3 * n), shRest: new Float32Array(0),
  };
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) { g.positions[3 * i + a] = rng.next() * 1.6 - 0.8; g.logScales[3 * i + a] = Math.log(0.005 + 0.12 * rng.next() ** 2); g.shDc[3 * i + a] = rng.next() * 3 - 1.5; }
    for (let a = 0; a < 4; a++) g.rotations[4 * i + a] = rng.next() * 2 - 1;
    g.opacityLogits[i] = rng.next() * 10 - 4; // many near-opaque: early stops and the 0.99 clamp
  }
  return g;
}

/** Per-pixel reference: every pixel walks its tile's whole (sorted) list front to back. */
function naive(cam: SplatCamera, bg: number[], proj: Projected, lists: TileLists) {
  const px = cam.width * cam.height, image = new Float32Array(3 * px), finalT = new Float32Array(px), nContrib = new Int32Array(px);
  for (let y = 0; y < cam.height; y++) {
    for (let x = 0; x < cam.width; x++) {
      const t = Math.floor(y / TILE) * cam.tilesX + Math.floor(x / TILE);
      let T = 1, r = 0, g = 0, b = 0, last = 0;
      for (let j = 0; j < lists.offsets[t + 1] - lists.offsets[t]; j++) {
        const id = lists.ids[lists.offsets[t] + j];
        const dx = proj.mean2d[2 * id] - (x + 0.5), dy = proj.mean2d[2 * id + 1] - (y + 0.5);
        const power = -0.5 * (proj.conic[3 * id] * dx * dx + proj.conic[3 * id + 2] * dy * dy) - proj.conic[3 * id + 1] * dx * dy;
        if (power > 0 || power < Math.log(ALPHA_MIN / proj.opacity[id])) continue;
        const alpha = Math.min(ALPHA_MAX, proj.opacity[id] * Math.exp(power));
        const nextT = T * (1 - alpha);
        if (nextT < T_MIN) break;
        const w = alpha * T;
        r += proj.color[3 * id] * w; g += proj.color[3 * id + 1] * w; b += proj.color[3 * id + 2] * w;
        T = nextT; last = j + 1;
      }
      const p = y * cam.width + x;
      image[3 * p] = r + T * bg[0]; image[3 * p + 1] = g + T * bg[1]; image[3 * p + 2] = b + T * bg[2];
      finalT[p] = T; nContrib[p] = last;
    }
  }
  return { image, finalT, nContrib };
}

describe('Gaussian-major tile rasterizer', () => {
  it('equals the per-pixel walk bit for bit with the reference clamps', () => {
    const rng = new Prng(4), n = 1500, bg = [0.3, 0.6, 0.9] as [number, number, number];
    const g = scene(n, rng);
    const cam = splatCamera(intrinsicsFromFocal(83, 61, 90), lookAt([0.4, 0.7, 2.6], [0, 0, 0]));
    const r = new SplatRasterizer();
    const img = r.forwardSync(g, n, { degree: 0, restPerChannel: 0 }, cam, bg);
    const inner = r as unknown as { offsets: Int32Array; ids: Int32Array; finalT: Float32Array; nContrib: Int32Array };
    const ref = naive(cam, bg, r.projected, { offsets: inner.offsets, ids: inner.ids });
    expect(Buffer.from(img.buffer, img.byteOffset, img.byteLength).equals(Buffer.from(ref.image.buffer))).toBe(true);
    expect(Array.from(inner.finalT.subarray(0, cam.width * cam.height))).toEqual(Array.from(ref.finalT));
    expect(Array.from(inner.nContrib.subarray(0, cam.width * cam.height))).toEqual(Array.from(ref.nContrib));
    // the scene exercises the clamps: some pixels stop early, most see several Gaussians
    expect(Math.min(...ref.finalT)).toBeLessThan(1e-3);
    expect(ref.nContrib.filter((c) => c > 3).length).toBeGreaterThan(cam.width * cam.height / 4);
  });
});

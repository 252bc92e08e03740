// The splat rasterizer and trainer on NodeKernelPool threads give the same bits as on one
// thread: the backward pass reduces a fixed number of gradient chunks in order, so the thread
// count only decides which thread computes which chunk.
import { afterAll, describe, expect, it } from 'vitest';
import { intrinsicsFromFocal, lookAt } from '../../engine/camera';
import { Prng } from '../../engine/recon/prng';
import { standInCapture } from '../../engine/recon/stand-in';
import { fitSplats, SplatRasterizer } from '../../engine/splats';
import { splatCamera } from '../../engine/splats/camera';
import type { GaussianArrays } from '../../engine/splats/project';
import { NodeKernelPool } from './node-kernel-pool';

const pool = new NodeKernelPool(2);
afterAll(() => pool.dispose());

function fill(r: SplatRasterizer, n: number, seed: number): GaussianArrays {
  const rng = new Prng(seed), R = 15;
  const g = {
    positions: r.alloc(Float32Array, 3 * n), logScales: r.alloc(Float32Array, 3 * n), rotations: r.alloc(Float32Array, 4 * n),
    opacityLogits: r.alloc(Float32Array, n), shDc: r.alloc(Float32Array, 3 * n), shRest: r.alloc(Float32Array, 3 * R * n),
  };
  for (let k = 0; k < 3 * n; k++) { g.positions[k] = rng.next() * 2 - 1; g.logScales[k] = Math.log(0.02 + 0.08 * rng.next()); g.shDc[k] = rng.next() * 2 - 1; }
  for (let k = 0; k < 4 * n; k++) g.rotations[k] = rng.next() * 2 - 1;
  for (let k = 0; k < n; k++) g.opacityLogits[k] = rng.next() * 4 - 2;
  for (let k = 0; k < 3 * R * n; k++) g.shRest[k] = 0.2 * (rng.next() - 0.5);
  return g;
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('splats on NodeKernelPool threads', () => {
  it('forward and backward are bit-identical with 2 threads and with 1', async () => {
    const n = 3000, cam = splatCamera(intrinsicsFromFocal(70, 50, 60), lookAt([0.5, 1, 3.5], [0, 0, 0]));
    const sh = { degree: 3, restPerChannel: 15 };
    const run = async (r: SplatRasterizer) => {
      const g = fill(r, n, 9);
      const img = Float32Array.from(await r.forward(g, n, sh, cam, [1, 1, 1]));
      const grads = fill(r, n, 1);
      const dImg = new Float32Array(img.length).map((_, k) => Math.sin(k));
      await r.backward(dImg, grads);
      return { img, grads };
    };
    const a = await run(new SplatRasterizer(pool));
    const b = await run(new SplatRasterizer());
    expect(bytes(a.img).equals(bytes(b.img))).toBe(true);
    for (const k of ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const) {
      expect(bytes(a.grads[k]).equals(bytes(b.grads[k]))).toBe(true);
    }
    expect(Math.max(...Array.from(a.grads.positions, Math.abs))).toBeGreaterThan(0);
  }, 60_000);

  it('a short fit on 2 threads equals the fit on 1', async () => {
    const capture = standInCapture({ scene: 'demo', size: 24, train: 3, test: 1, supersample: 1, looseBounds: false });
    const opts = { iterations: 40, randomInitCount: 300, seed: 2, previewEverySteps: 0, schedule: { densifyEvery: 10 } };
    const a = await fitSplats(capture, { ...opts, pool });
    const b = await fitSplats(capture, opts);
    expect(a.info.threads).toBe(2);
    expect(a.scene.count).toBe(b.scene.count);
    expect(bytes(a.scene.positions).equals(bytes(b.scene.positions))).toBe(true);
    expect(bytes(a.scene.shRest).equals(bytes(b.scene.shRest))).toBe(true);
  }, 120_000);
});

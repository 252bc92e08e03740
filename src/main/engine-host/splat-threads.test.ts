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
import { SerialKernelPool } from '../../engine/parallel';
import { SPLAT_KERNELS } from '../../engine/splats/kernels';
import { SplatLoss } from '../../engine/splats/loss';
import { GaussianStore, PARAM_KEYS, type ParamKey } from '../../engine/splats/params';
import { PooledSplatLoss } from '../../engine/splats/pooled-loss';
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
    const threaded = new SplatRasterizer(pool);
    threaded.runner.placement = 'pool'; // every kernel over the threads (not the faster of the two)
    const a = await run(threaded);
    const b = await run(new SplatRasterizer());
    expect(threaded.runner.counts).toEqual({ local: 0, pooled: 4 });
    expect(bytes(a.img).equals(bytes(b.img))).toBe(true);
    for (const k of ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const) {
      expect(bytes(a.grads[k]).equals(bytes(b.grads[k]))).toBe(true);
    }
    expect(Math.max(...Array.from(a.grads.positions, Math.abs))).toBeGreaterThan(0);
  }, 60_000);

  it('a short fit on 2 threads equals the fit on 1', async () => {
    const capture = standInCapture({ scene: 'demo', size: 24, train: 3, test: 1, supersample: 1, looseBounds: false });
    const opts = { iterations: 40, randomInitCount: 300, seed: 2, previewEverySteps: 0, schedule: { densifyEvery: 10 } };
    const a = await fitSplats(capture, { ...opts, pool, placement: 'pool' });
    const b = await fitSplats(capture, opts);
    // adaptive: each kernel runs where it has been faster, a mix of both ways
    const c = await fitSplats(capture, { ...opts, pool });
    expect(a.info.threads).toBe(2);
    for (const other of [a, c]) {
      expect(other.scene.count).toBe(b.scene.count);
      for (const k of ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const) expect(bytes(other.scene[k]).equals(bytes(b.scene[k])), k).toBe(true);
    }
  }, 120_000);

  it('Adam over the pool (2 threads, 4 chunks) equals Adam on the calling thread, and leaves inactive SH bands alone', async () => {
    const n = 2001, rng = new Prng(5);
    const lr: Record<ParamKey, number> = { positions: 1e-4, logScales: 5e-3, rotations: 1e-3, opacityLogits: 0.05, shDc: 2.5e-3, shRest: 1.25e-4 };
    const make = () => {
      const st = new GaussianStore(3, (f) => new Float32Array(pool.alloc(4 * f), 0, f));
      st.reserve(n); st.count = n;
      return st;
    };
    const a = make(), b = make();
    for (const k of PARAM_KEYS) {
      for (let j = 0; j < a.params[k].length; j++) { a.params[k][j] = b.params[k][j] = rng.next() - 0.5; a.grads[k][j] = b.grads[k][j] = rng.next() - 0.5; }
    }
    const restActive = 3; // degree 1: coefficients 3..14 of each channel are not trained yet
    for (let i = 0; i < 3 * n; i++) for (let c = restActive; c < 15; c++) { a.grads.shRest[15 * i + c] = b.grads.shRest[15 * i + c] = 0; }
    const before = Float32Array.from(a.params.shRest);
    for (let t = 1; t <= 3; t++) {
      a.adam(t, lr, restActive);
      const buffers: Record<string, Float32Array> = {};
      for (const k of PARAM_KEYS) { buffers[`p_${k}`] = b.params[k]; buffers[`g_${k}`] = b.grads[k]; buffers[`m_${k}`] = b.m[k]; buffers[`v_${k}`] = b.v[k]; }
      await pool.run('splats.adam', { buffers, params: { n, t, lr, restPerChannel: 15, restActive } }, 4);
    }
    for (const k of PARAM_KEYS) {
      expect(bytes(a.params[k]).equals(bytes(b.params[k])), k).toBe(true);
      expect(bytes(a.v[k]).equals(bytes(b.v[k])), k).toBe(true);
    }
    let changed = 0;
    for (let i = 0; i < 3 * n; i++) {
      for (let c = 0; c < 15; c++) {
        const j = 15 * i + c;
        if (c >= restActive) expect(b.params.shRest[j]).toBe(before[j]); else if (b.params.shRest[j] !== before[j]) changed++;
      }
    }
    expect(changed).toBe(3 * n * restActive);
  }, 60_000);

  it('the loss over the pool (2 threads, 4 row chunks) equals the serial pool and the one-pass SplatLoss', async () => {
    const w = 61, h = 37, rng = new Prng(8), serial = new SerialKernelPool(SPLAT_KERNELS);
    const photo = new Float32Array(3 * w * h).map(() => rng.next());
    const alloc = <T>(C: (new (b: ArrayBufferLike, o: number, l: number) => T) & { BYTES_PER_ELEMENT: number }, len: number) => new C(pool.alloc(len * C.BYTES_PER_ELEMENT), 0, len);
    const render = alloc(Float32Array, 3 * w * h);
    for (let k = 0; k < render.length; k++) render[k] = Math.min(1, Math.max(0, photo[k] + 0.4 * (rng.next() - 0.5)));
    const threaded = await new PooledSplatLoss(pool, alloc, 4).compute(render, photo, w, h, 0.2);
    const inProcess = await new PooledSplatLoss(serial, alloc, 4).compute(render, photo, w, h, 0.2);
    expect(threaded.value).toEqual(inProcess.value);
    expect(bytes(threaded.grad).equals(bytes(inProcess.grad))).toBe(true);
    const g = new Float32Array(3 * w * h);
    const one = new SplatLoss().compute(render, photo, w, h, g, 0.2);
    expect(bytes(threaded.grad).equals(bytes(g))).toBe(true); // per-pixel values do not depend on the chunking
    expect(threaded.value.loss).toBeCloseTo(one.loss, 12);
    expect(threaded.value.ssim).toBeLessThan(0.95);
  }, 60_000);
});

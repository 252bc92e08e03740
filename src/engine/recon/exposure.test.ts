// Per-image exposure maps: the march kernel's exposure gradient against finite differences, the
// fitted gains against gains applied to the training photos, thread-count independence, and an
// exact resume from a checkpoint.
import { describe, expect, it } from 'vitest';
import type { Capture } from '../data/types';
import { SerialKernelPool, type KernelArgs } from '../parallel/kernel-pool';
import { ENGINE_KERNELS } from '../parallel/registry';
import { restoreCheckpoint, serializeCheckpoint } from './checkpoint';
import { EXPOSURE_DEFAULTS, EXPOSURE_STRIDE, exposureAdamStep, makeExposure } from './exposure';
import { fitScene } from './fit';
import { gridShape, RECON_KERNELS, type MarchChunkResult } from './kernels';
import { evaluateScene } from './render-view';
import { standInCapture } from './stand-in';
import { Trainer } from './trainer';
import { FIT_PRESETS, type FitSchedule } from './types';

const small: FitSchedule = {
  ...FIT_PRESETS.draft, stages: [{ voxels: 12 ** 3, steps: 8 }, { voxels: 18 ** 3, steps: 8 }], batchRays: 128,
  exposure: { ...EXPOSURE_DEFAULTS },
};

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The capture with each training view's colours scaled per channel by exp(logGain), clamped to [0, 1]. */
function withGains(c: Capture, seed: number, spread: number): { capture: Capture; logGains: number[][] } {
  const rnd = lcg(seed);
  const logGains: number[][] = [];
  const views = c.views.map((v) => {
    if (v.split !== 'train') return v;
    const lg = [0, 1, 2].map(() => spread * (2 * rnd() - 1));
    logGains.push(lg);
    const data = v.image.data.map((x, i) => Math.min(1, x * Math.exp(lg[i % 3])));
    return { ...v, image: { ...v.image, data } };
  });
  return { capture: { ...c, views }, logGains };
}

describe('per-image exposure', () => {
  it("the march kernel's exposure gradient matches finite differences of the batch loss", () => {
    const capture = standInCapture({ scene: 'demo', size: 16, train: 6, test: 1, supersample: 1, looseBounds: false });
    const t = new Trainer(capture, { schedule: small, seed: 3 });
    for (let i = 0; i < 12; i++) t.trainStep(); // a grid with structure
    const rnd = lcg(9);
    const B = 48;
    const batch = Int32Array.from({ length: B }, () => Math.floor(rnd() * t.rays.count));
    const jitter = Float64Array.from({ length: B }, () => rnd());
    const params = Float32Array.from({ length: EXPOSURE_STRIDE * t.rays.views }, () => 0.3 * (2 * rnd() - 1));
    const n = t.grid.nx * t.grid.ny * t.grid.nz;
    const run = (p: Float32Array, gE: Float32Array): number => {
      const args: KernelArgs = {
        buffers: {
          density: t.grid.density, color: t.grid.color, origins: t.rays.origins, dirs: t.rays.dirs, colors: t.rays.colors,
          batch, jitter, exposure: p, viewOf: t.rays.viewOf, gE0: gE,
          gD0: new Float32Array(n), gC0: new Float32Array(n * 3 * t.grid.k), touched0: new Uint8Array(n), list0: new Int32Array(n),
        },
        params: { grid: gridShape(t.grid), march: t.params, batch: B, norm: 2 / (3 * B) },
      };
      return (RECON_KERNELS['recon.march'](args, 0, 1, new Map()) as MarchChunkResult).se / (3 * B);
    };
    const analytic = new Float32Array(params.length);
    run(params, analytic);
    const used = new Set(Array.from(batch, (r) => t.rays.viewOf[r]));
    let checked = 0;
    for (const v of used) {
      for (let q = 0; q < EXPOSURE_STRIDE; q++) {
        const i = EXPOSURE_STRIDE * v + q, h = 2e-3;
        const plus = params.slice(), minus = params.slice();
        plus[i] += h; minus[i] -= h;
        // Central difference over the step actually stored (float32); O(h^2) truncation.
        const numeric = (run(plus, new Float32Array(params.length)) - run(minus, new Float32Array(params.length))) / (plus[i] - minus[i]);
        expect(Math.abs(analytic[i] - numeric)).toBeLessThan(1e-3 * Math.abs(numeric) + 1e-7);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    // Views that no ray of the batch saw get no gradient.
    for (let v = 0; v < t.rays.views; v++) if (!used.has(v)) expect(analytic.slice(6 * v, 6 * v + 6).every((x) => x === 0)).toBe(true);
  });

  it('Adam pulls unused maps back to identity and consumes the gradients', () => {
    const e = makeExposure(2);
    e.params.set([0.5, 0, 0, 0.1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const g = new Float32Array(12);
    for (let i = 0; i < 200; i++) exposureAdamStep(e, [g], { lr: 1e-2, weight: 1 }, 1);
    expect(Math.abs(e.params[0])).toBeLessThan(0.05);
    expect(Math.abs(e.params[3])).toBeLessThan(0.05);
    expect(g.every((x) => x === 0)).toBe(true);
  });

  it('recovers the gains applied to the training photos, and the field keeps their shared exposure', async () => {
    const base = standInCapture({ scene: 'demo', size: 24, train: 16, test: 4, supersample: 1, looseBounds: false });
    const { capture, logGains } = withGains(base, 5, 0.25);
    const schedule: FitSchedule = { ...FIT_PRESETS.draft, stages: [{ voxels: 24 ** 3, steps: 150 }, { voxels: 36 ** 3, steps: 150 }], batchRays: 1024, maxStepScale: 1 };
    const fit = (exposure: 'on' | 'off') => fitScene(capture, { minutes: 60, schedule, sceneType: 'object', exposure }, {});
    const on = await fit('on'), off = await fit('off');
    expect(on.info.exposure).toBeDefined();
    expect(off.info.exposure).toBeUndefined();
    const test = capture.views.filter((v) => v.split === 'test');
    const psnrOn = evaluateScene(on, test).psnr, psnrOff = evaluateScene(off, test).psnr;
    // Held-out photos have the capture's typical exposure (gain 1): the shared exposure must stay there.
    expect(psnrOn).toBeGreaterThan(psnrOff - 0.1);
    // The fitted log-gains follow the applied ones (up to a common offset): correlation over views and channels.
    const t = new Trainer(capture, { schedule: { ...schedule, exposure: { ...EXPOSURE_DEFAULTS } }, seed: 0 });
    while (!t.done) t.trainStep();
    const fitted: number[] = [], applied: number[] = [];
    logGains.forEach((lg, v) => lg.forEach((x, c) => { applied.push(x); fitted.push(t.exposure!.params[EXPOSURE_STRIDE * v + c]); }));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ma = mean(applied), mf = mean(fitted);
    let sab = 0, saa = 0, sbb = 0;
    applied.forEach((a, i) => { sab += (a - ma) * (fitted[i] - mf); saa += (a - ma) ** 2; sbb += (fitted[i] - mf) ** 2; });
    expect(sab / Math.sqrt(saa * sbb)).toBeGreaterThan(0.9);
  }, 120_000);

  it('gives the same result on a pool as in process, and resumes from a checkpoint exactly', async () => {
    const capture = withGains(standInCapture({ scene: 'demo', size: 20, train: 8, test: 1, supersample: 1, looseBounds: false }), 2, 0.2).capture;
    const a = new Trainer(capture, { schedule: small, seed: 4, chunks: 3 });
    const b = new Trainer(capture, { schedule: small, seed: 4, pool: new SerialKernelPool(ENGINE_KERNELS), chunks: 3 });
    for (let i = 0; i < 10; i++) { const ma = a.trainStep(); expect(await b.trainStepAsync()).toBe(ma); }
    expect(Array.from(b.exposure!.params)).toEqual(Array.from(a.exposure!.params));
    expect(a.exposure!.params.some((x) => x !== 0)).toBe(true);
    const c = new Trainer(capture, { schedule: small, seed: 4, chunks: 1 });
    for (let i = 0; i < 6; i++) c.trainStep();
    const r = restoreCheckpoint(serializeCheckpoint(c, { preset: 'draft', seed: 4, elapsedSeconds: 1, threads: 1 }), capture);
    expect(Array.from(r.trainer.exposure!.params)).toEqual(Array.from(c.exposure!.params));
    while (!c.done) { c.trainStep(); r.trainer.trainStep(); }
    expect(Array.from(r.trainer.exposure!.params)).toEqual(Array.from(c.exposure!.params));
    expect(Array.from(r.trainer.grid.density)).toEqual(Array.from(c.grid.density));
  });
});

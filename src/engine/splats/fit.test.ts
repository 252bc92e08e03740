// The trainer end to end on tiny procedural captures: the loss goes down, fits are
// deterministic given the seed, checkpoints resume bit-exactly, the initialisation uses the
// capture's sparse points, and bad inputs fail with messages naming the field.
import { describe, expect, it } from 'vitest';
import type { Capture } from '../data/types';
import { Prng } from '../recon/prng';
import { standInCapture } from '../recon/stand-in';
import { fitSplats, type SplatFitOptions } from './fit';
import { initialSplats, meanSqDist3nn, type CaptureWithPoints } from './init';
import { renderSplats } from './render';
import { scaledSchedule } from './schedule';
import type { SplatScene } from './types';

const capture = standInCapture({ scene: 'demo', size: 32, train: 2, test: 1, supersample: 1, looseBounds: false });
const OPTS: Partial<SplatFitOptions> = { iterations: 160, randomInitCount: 400, seed: 3, progressEverySteps: 20, previewEverySteps: 0, schedule: { densifyEvery: 10 } };

function trainMse(scene: SplatScene, c: Capture): number {
  let se = 0, n = 0;
  for (const v of c.views.filter((w) => w.split === 'train')) {
    const img = renderSplats(scene, v.intrinsics, v.c2w);
    for (let k = 0; k < img.data.length; k++) { se += (img.data[k] - v.image.data[k]) ** 2; n++; }
  }
  return se / n;
}

const sameScene = (a: SplatScene, b: SplatScene) => {
  expect(b.count).toBe(a.count);
  for (const k of ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const) expect(Buffer.from(b[k].buffer).equals(Buffer.from(a[k].buffer))).toBe(true);
};

describe('fitSplats', () => {
  it('lowers the loss on a 2-view capture, densifies, and is deterministic given the seed', async () => {
    const before = trainMse(initialSplats(capture, { randomCount: 400, shDegree: 3 }, new Prng(3)), capture);
    const psnrs: number[] = [];
    const a = await fitSplats(capture, OPTS, { onProgress: (p) => psnrs.push(p.losses.psnr) });
    const after = trainMse(a.scene, capture);
    expect(a.info.stopReason).toBe('done');
    expect(a.info.steps).toBe(160);
    expect(after).toBeLessThan(0.5 * before);
    expect(psnrs.length).toBe(8);
    expect(psnrs[psnrs.length - 1]).toBeGreaterThan(psnrs[0]);
    expect(a.scene.count).not.toBe(400); // density control ran
    const b = await fitSplats(capture, OPTS);
    sameScene(a.scene, b.scene);
  }, 120_000);

  it('resumes bit-exactly from a checkpoint', async () => {
    const full = await fitSplats(capture, OPTS);
    let ckpt: Uint8Array | null = null, ckptStep = 0;
    let stepSeen = 0;
    const first = await fitSplats(capture, OPTS, {
      onProgress: (p) => { stepSeen = p.step; },
      shouldStop: () => stepSeen >= 60,
      onCheckpoint: (s, step) => { ckpt = s; ckptStep = step; },
    });
    expect(first.info.stopReason).toBe('cancel');
    expect(ckptStep).toBe(60);
    const resumed = await fitSplats(capture, { ...OPTS, seed: 999 }, { resumeFrom: ckpt! });
    expect(resumed.info.steps).toBe(160);
    sameScene(full.scene, resumed.scene);
    const other = standInCapture({ scene: 'demo', size: 24, train: 2, test: 1, supersample: 1, looseBounds: false });
    await expect(fitSplats(other, OPTS, { resumeFrom: ckpt! })).rejects.toThrow(/fingerprint/);
  }, 120_000);
});

describe('fitSplats with iterations planned from the budget', () => {
  // A fake clock that is a function of the step: 62.5 ms per step, 125 ms from step 80 on (as
  // if densification had made steps dearer). Exact binary fractions, so sums do not depend on
  // where a run was interrupted.
  const msAt = (step: number) => 62.5 * Math.min(step, 80) + 125 * Math.max(0, step - 80);
  const AUTO: Partial<SplatFitOptions> = { ...OPTS, iterations: 'auto', minutes: 0.25, progressEverySteps: 1 };
  const clocked = (startStep: number) => {
    let ms = msAt(startStep);
    return { clock: () => ms, onProgress: (p: { step: number }) => { ms = msAt(p.step); } };
  };

  it('plans the schedule to end at ~97 % of the budget, re-plans when steps get dearer, reports the plan', async () => {
    const c = clocked(0);
    const a = await fitSplats(capture, { ...AUTO, clock: c.clock }, { onProgress: c.onProgress });
    expect(a.info.iterationsMode).toBe('auto');
    expect(a.info.stopReason).toBe('done');
    expect(a.info.steps).toBe(a.info.iterations);
    expect(a.info.plans.length).toBeGreaterThanOrEqual(2);
    expect(a.info.plans[0].step).toBe(20);
    expect(a.info.plans.at(-1)!.iterations).toBe(a.info.iterations);
    expect(a.info.plans[1].iterations).toBeLessThan(a.info.plans[0].iterations); // dearer steps: fewer of them
    const used = msAt(a.info.steps) / 1000 / 15;
    expect(used).toBeGreaterThan(0.9);
    expect(used).toBeLessThan(1);
  }, 120_000);

  it('resumes bit-exactly with the checkpoint\'s plan', async () => {
    const c = clocked(0);
    const full = await fitSplats(capture, { ...AUTO, clock: c.clock }, { onProgress: c.onProgress });
    let ckpt: Uint8Array | null = null, stepSeen = 0;
    const c1 = clocked(0);
    await fitSplats(capture, { ...AUTO, clock: c1.clock }, {
      onProgress: (p) => { c1.onProgress(p); stepSeen = p.step; }, shouldStop: () => stepSeen >= 60,
      onCheckpoint: (s) => { ckpt = s; },
    });
    const c2 = clocked(60);
    // a resumed fit keeps the checkpoint's mode and plan even when the caller asks for a fixed count
    const resumed = await fitSplats(capture, { ...AUTO, iterations: 500, clock: c2.clock }, { resumeFrom: ckpt!, onProgress: c2.onProgress });
    expect(resumed.info.iterationsMode).toBe('auto');
    expect(resumed.info.plans).toEqual(full.info.plans);
    expect(resumed.info.steps).toBe(full.info.steps);
    sameScene(full.scene, resumed.scene);
  }, 120_000);

  it('rejects a bad iteration count', async () => {
    await expect(fitSplats(capture, { ...OPTS, iterations: 2.5 })).rejects.toThrow(/options.iterations has bad value 2.5/);
  });
});

describe('initialisation and schedule', () => {
  it('uses capture.sparsePoints with their colours and the 3-NN scale', () => {
    const xyz = new Float32Array([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 5, 5, 5]);
    const rgb = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128, 0, 0, 0]);
    const c: CaptureWithPoints = { ...capture, sparsePoints: { xyz, rgb } };
    const s = initialSplats(c, { randomCount: 10, shDegree: 1 }, new Prng(1));
    expect(s.count).toBe(5);
    expect(Array.from(s.positions)).toEqual(Array.from(xyz));
    // point 0: neighbours at 1, 2, 3 -> mean squared 14/3
    expect(Math.exp(s.logScales[0])).toBeCloseTo(Math.sqrt(14 / 3), 5);
    expect(s.shDc[0]).toBeCloseTo(0.5 / 0.28209479177387814, 4);
    expect(() => initialSplats({ ...capture, sparsePoints: { xyz, rgb: rgb.subarray(3) } } as CaptureWithPoints, { randomCount: 1, shDegree: 0 }, new Prng(1)))
      .toThrow(/sparsePoints has bad lengths/);
  });

  it('3-NN distances agree with brute force on random points', () => {
    const rng = new Prng(5), n = 300, xyz = new Float32Array(3 * n).map(() => rng.next() * 4 - 2);
    const fast = meanSqDist3nn(xyz);
    for (let i = 0; i < n; i += 37) {
      const d: number[] = [];
      for (let j = 0; j < n; j++) if (j !== i) d.push((xyz[3 * i] - xyz[3 * j]) ** 2 + (xyz[3 * i + 1] - xyz[3 * j + 1]) ** 2 + (xyz[3 * i + 2] - xyz[3 * j + 2]) ** 2);
      d.sort((a, b) => a - b);
      expect(fast[i]).toBeCloseTo((d[0] + d[1] + d[2]) / 3, 6);
    }
  });

  it('scales the paper schedule and rejects bad values', () => {
    const s = scaledSchedule(3000);
    expect([s.shUpEvery, s.densifyFrom, s.densifyUntil, s.densifyEvery, s.opacityResetEvery]).toEqual([100, 50, 1500, 25, 300]);
    expect(scaledSchedule(30_000).densifyEvery).toBe(100);
    expect(() => scaledSchedule(0)).toThrow(/iterations has bad value 0/);
    expect(() => scaledSchedule(100, { lrOpacity: -1 })).toThrow(/"lrOpacity" has bad value -1/);
  });
});

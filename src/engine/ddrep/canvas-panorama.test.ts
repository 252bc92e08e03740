// Exactness test (b): on a pixel-canvas panorama the joint least squares over overlapping wrap-around
// windows has a closed form (each canvas pixel = the mean of the targets of the windows covering it,
// notes §1.8); the rep's solveLeastSquares and the warm-started Adam fit must both reach it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, makeNoiseSchedule } from '../diffusion';
import { mulberry32 } from '../data/procedural/prng';
import { canvasPanorama, type CropView } from './canvas-panorama';
import { sampleDdrep } from './ddrep';
import { fitViews, INNER_FIT_DEFAULTS } from './inner-fit';
import { gaussianPrior, maxAbsDiff } from './test-utils';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const H = 3; const WC = 20; const W = 8;

/** Independent reference: per-column average of the targets in plain JS ([H][WC][3]); uncovered keep `start`. */
function averageOfWindows(views: CropView[], targets: number[][][][], start: number[][][]): number[][][] {
  const sum = start.map((row) => row.map(() => [0, 0, 0]));
  const count = new Array<number>(WC).fill(0);
  views.forEach((v, k) => {
    for (let j = 0; j < W; j++) {
      const col = (v.offset + j) % WC;
      count[col]++;
      for (let y = 0; y < H; y++) for (let ch = 0; ch < 3; ch++) sum[y][col][ch] += targets[k][y][j][ch];
    }
  });
  return start.map((row, y) => row.map((px, x) => (count[x] ? sum[y][x].map((s) => s / count[x]) : px)));
}

describe('canvas panorama', () => {
  it('views wrap around the canvas; the managed noise is cropped like the signal', () => {
    const init = tf.tidy(() => tf.tensor3d(Array.from({ length: H }, (_, y) => Array.from({ length: WC }, (_, x) => [x, y, 0]))));
    const pano = canvasPanorama(tf, { height: H, canvasWidth: WC, viewWidth: W }, init);
    const v = pano.viewAt(16);
    const img = tf.tidy(() => pano.render(v).arraySync()) as number[][][];
    expect(img[1].map((p) => p[0])).toEqual([16, 17, 18, 19, 0, 1, 2, 3]);
    expect(img[2][0][1]).toBe(2);
    const n = tf.tidy(() => pano.viewNoise(init, v).arraySync()) as number[][][];
    expect(n).toEqual(img);
    expect(pano.viewAt(-4).offset).toBe(16);
    expect(() => canvasPanorama(tf, { viewWidth: 300 })).toThrow(/viewWidth/);
    init.dispose(); pano.dispose();
  });

  it('closed form = mean of overlapping windows; Adam (200 steps, lr 0.05, warm start) reaches it within 1e-3', () => {
    const before = tf.memory().numTensors;
    const rng = mulberry32(4);
    const start = Array.from({ length: H }, () => Array.from({ length: WC }, () => [rng(), rng(), rng()].map((u) => u - 0.5)));
    const startT = tf.tensor3d(start);
    const a = canvasPanorama(tf, { height: H, canvasWidth: WC, viewWidth: W }, startT);
    const b = canvasPanorama(tf, { height: H, canvasWidth: WC, viewWidth: W }, startT);
    // Overlapping windows incl. one wrapping around; columns 8..9 are covered by no window.
    const views = [a.viewAt(0), a.viewAt(3), a.viewAt(10), a.viewAt(16)];
    const targetsJs = views.map(() => Array.from({ length: H }, () => Array.from({ length: W }, () => [rng(), rng(), rng()].map((u) => 2 * u - 1))));
    const targets = targetsJs.map((t) => tf.tensor3d(t));
    const expected = tf.tensor3d(averageOfWindows(views, targetsJs, start));
    a.solveLeastSquares!(views, targets);
    const lossAdam = fitViews(tf, b, views, targets, INNER_FIT_DEFAULTS);
    const errClosed = maxAbsDiff(tf, a.parameters[0], expected);
    const errAdam = maxAbsDiff(tf, b.parameters[0], expected);
    const lossClosed = fitViews(tf, a, views, targets, { solver: 'closed-form', iterations: 0, lr: null });
    console.log(`canvas LSQ: closed-form err ${errClosed.toExponential(2)}, Adam err ${errAdam.toExponential(2)}, losses ${lossClosed.toFixed(5)} / ${lossAdam.toFixed(5)}`);
    expect(errClosed).toBeLessThan(1e-6);
    expect(errAdam).toBeLessThan(1e-3);
    expect(lossClosed).toBeGreaterThan(0.01); // windows disagree: the targets are not renderable
    tf.dispose([startT, expected, ...targets]);
    a.dispose(); b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a full DDRep run (K = 4 windows, eta 1, 10 steps) with the Adam fit tracks the closed-form run', async () => {
    const before = tf.memory().numTensors;
    const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
    // The prior's mean ramps across the window, so overlapping windows ask for different pixels (the
    // targets are not renderable and the per-step solve really averages).
    const ramp = Array.from({ length: H }, () => Array.from({ length: W }, (_, j) => [0.6 * (j / W - 0.5), 0.2, -0.1]));
    const prior = gaussianPrior(tf, schedule, ramp, [0.5, 0.5, 0.5]);
    const cfg = { sampler: { kind: 'ddim', steps: 10, eta: 1, temperature: 1, spacing: 'trailing', clipX0: 1 }, guidance: 1, viewsPerStep: 4, seed: 5 } as const;
    const a = canvasPanorama(tf, { height: H, canvasWidth: WC, viewWidth: W });
    const b = canvasPanorama(tf, { height: H, canvasWidth: WC, viewWidth: W });
    const sa = await sampleDdrep(tf, a, prior, { ...cfg, inner: { solver: 'closed-form', iterations: 0, lr: null } });
    const sb = await sampleDdrep(tf, b, prior, cfg);
    const err = maxAbsDiff(tf, a.parameters[0], b.parameters[0]);
    const spread = tf.tidy(() => tf.moments(a.parameters[0]).variance.dataSync()[0]);
    console.log(`canvas DDRep: max |Adam - closed form| ${err.toExponential(2)}, max residual loss ${Math.max(...sa.losses).toFixed(4)} / ${Math.max(...sb.losses).toFixed(4)}`);
    expect(sa.denoiserCalls).toBe(10);
    expect(Math.max(...sa.losses)).toBeGreaterThan(1e-3); // windows disagreed: the solve had work to do
    expect(spread).toBeGreaterThan(0.01);
    expect(err).toBeLessThan(1e-2);
    a.dispose(); b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

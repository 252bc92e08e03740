import { beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../data/types';
import { bakeGrid, deserializeScene, evaluateScene, fitScene, renderSceneView, serializeScene, type FitProgress, type FittedScene } from './index';
import { standInCapture } from './stand-in';

// Tiny fits on the data module's procedural still life (32x32 px, exact analytic renders).
const TINY = {
  preset: 'draft' as const, minutes: 60, seed: 1, previewEverySteps: 0,
  // maxStepScale 1: the generous budget must not scale these step counts up.
  schedule: { stages: [{ voxels: 16 ** 3, steps: 120 }, { voxels: 32 ** 3, steps: 180 }], batchRays: 512, maxStepScale: 1 },
};

let capture: Capture;
let scene: FittedScene;
const progress: FitProgress[] = [];

beforeAll(async () => {
  capture = standInCapture({ scene: 'demo', size: 32, train: 24, test: 4, supersample: 1, looseBounds: false });
  scene = await fitScene(capture, { ...TINY, previewEverySteps: 100, previewEverySeconds: Infinity, progressEverySteps: 50 }, { onProgress: (p) => progress.push(p) });
});

describe('fitScene', () => {
  it('converges: held-out PSNR well above an empty (background-only) prediction', () => {
    const test = capture.views.filter((v) => v.split === 'test');
    const m = evaluateScene(scene, test);
    const empty = { ...scene, density: new Float32Array(scene.density.length).fill(-100) };
    const base = evaluateScene(empty, test);
    expect(m.psnr).toBeGreaterThan(24);
    expect(m.psnr).toBeGreaterThan(base.psnr + 10);
    expect(m.ssim).toBeGreaterThan(0.85);
    expect(scene.info.stopReason).toBe('done');
    expect(scene.info.steps).toBe(300);
  });

  it('reports progress with loss, train PSNR, ETA and previews', () => {
    expect(progress.map((p) => p.step)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(progress.every((p) => p.total === 300 && Number.isFinite(p.losses.mse) && p.etaSeconds !== null)).toBe(true);
    expect(progress[5].losses.psnr).toBeGreaterThan(progress[0].losses.psnr);
    const previews = progress.filter((p) => p.preview);
    expect(previews.map((p) => p.step)).toEqual([100, 200, 300]);
    expect(previews[0].preview!.data.length).toBe(32 * 32 * 3);
  });

  it('also previews by wall-clock time, so short budgets still show the scene forming', async () => {
    const timed: FitProgress[] = [];
    const schedule = { stages: [{ voxels: 16 ** 3, steps: 40 }], batchRays: 256, maxStepScale: 1 };
    await fitScene(capture, { ...TINY, schedule, previewEverySteps: 1000, previewEverySeconds: 0, progressEverySteps: 10 }, { onProgress: (p) => timed.push(p) });
    expect(timed.map((p) => p.step)).toEqual([10, 20, 30, 40]);
    expect(timed.every((p) => p.preview)).toBe(true);
  });

  it('stops on shouldStop() and hands back a checkpoint', async () => {
    let calls = 0;
    const states: number[] = [];
    const s = await fitScene(capture, TINY, { shouldStop: () => ++calls > 7, onCheckpoint: (_b, step) => { states.push(step); } });
    expect(s.info.stopReason).toBe('cancel');
    expect(s.info.steps).toBe(7);
    expect(states).toEqual([7]);
  });

  it('ends gracefully when the time budget runs out', async () => {
    const s = await fitScene(capture, { ...TINY, minutes: 0.05 / 60 }, {});
    expect(s.info.stopReason).toBe('time');
    expect(s.info.steps).toBeLessThan(300);
  });

  it('shrinks the schedule to fit the time budget', async () => {
    const long = { ...TINY, minutes: 1.5 / 60, schedule: { ...TINY.schedule, stages: [{ voxels: 16 ** 3, steps: 3000 }, { voxels: 24 ** 3, steps: 3000 }] } };
    let lastTotal = 0;
    const s = await fitScene(capture, long, { onProgress: (p) => { lastTotal = p.total; } });
    expect(lastTotal).toBeLessThan(6000);
    expect(s.info.steps).toBeLessThan(6000);
    expect(s.info.steps).toBeGreaterThan(20);
  });

  it('resumes from a checkpoint exactly like an uninterrupted run', async () => {
    const short = { ...TINY, schedule: { ...TINY.schedule, stages: [{ voxels: 12 ** 3, steps: 30 }, { voxels: 20 ** 3, steps: 40 }], batchRays: 256 } };
    const full = await fitScene(capture, short, {});
    let ckpt: Uint8Array | null = null;
    await fitScene(capture, short, {
      checkpointEverySteps: 45, onCheckpoint: (b, step) => { if (step === 45) ckpt = b.slice(); },
    });
    expect(ckpt).not.toBeNull();
    const resumed = await fitScene(capture, { ...short, seed: 999 }, { resumeFrom: ckpt! });
    expect(resumed.info.steps).toBe(70);
    expect(resumed.resolution).toEqual(full.resolution);
    expect(resumed.density).toEqual(full.density);
    expect(resumed.color).toEqual(full.color);
    await expect(restoreOnOther(ckpt!)).rejects.toThrow(/fingerprint/);
  });

  it('rejects bad options with the field name', async () => {
    await expect(fitScene(capture, { preset: 'ultra' as never }, {})).rejects.toThrow(/options.preset/);
    await expect(fitScene(capture, { minutes: -1 }, {})).rejects.toThrow(/options.minutes/);
  });
});

async function restoreOnOther(ckpt: Uint8Array) {
  const other = standInCapture({ scene: 'demo', size: 24, train: 4, test: 1, supersample: 1, looseBounds: false });
  return fitScene(other, TINY, { resumeFrom: ckpt });
}

describe('scene files', () => {
  it('round-trips serializeScene / deserializeScene', () => {
    const back = deserializeScene(serializeScene(scene));
    expect(back.resolution).toEqual(scene.resolution);
    expect(back.density).toEqual(scene.density);
    expect(back.color).toEqual(scene.color);
    expect(back.info).toEqual(scene.info);
    const v = capture.views[0];
    expect(renderSceneView(back, v.intrinsics, v.c2w, [1, 1, 1]).rgb.data).toEqual(renderSceneView(scene, v.intrinsics, v.c2w, [1, 1, 1]).rgb.data);
  });

  it('gives clear errors for corrupt, truncated and foreign files', () => {
    const bytes = serializeScene(scene);
    const flipped = bytes.slice();
    flipped[bytes.length >> 1] ^= 0xff;
    expect(() => deserializeScene(flipped)).toThrow(/scene file: checksum mismatch/);
    expect(() => deserializeScene(bytes.subarray(0, bytes.length - 100))).toThrow(/scene file: truncated/);
    expect(() => deserializeScene(bytes.subarray(0, 10))).toThrow(/scene file: truncated/);
    expect(() => deserializeScene(new TextEncoder().encode('{"not":"a scene file at all"}'))).toThrow(/bad magic/);
  });
});

describe('rendering and baking', () => {
  it('renders rgb, depth and opacity consistent with the ground truth', () => {
    const v = capture.views.find((x) => x.split === 'test')!;
    const r = renderSceneView(scene, v.intrinsics, v.c2w, [1, 1, 1]);
    expect(r.rgb.width).toBe(32);
    expect(r.depth.length).toBe(32 * 32);
    let agree = 0, n = 0, misses = 0, opaqueMisses = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const hit = v.depth![i] > 0 && Number.isFinite(v.depth![i]);
      if (hit && r.opacity[i] > 0.5) { n++; if (Math.abs(r.depth[i] - v.depth![i]) < 0.15) agree++; }
      if (!hit) { misses++; if (r.opacity[i] > 0.5) opaqueMisses++; }
    }
    expect(n).toBeGreaterThan(100);
    expect(agree / n).toBeGreaterThan(0.8);
    expect(misses).toBeGreaterThan(100);
    expect(opaqueMisses / misses).toBeLessThan(0.05);
  });

  it('bakes a grid with the right shape and density where the object is', () => {
    const g = bakeGrid(scene, 24);
    const ext = [0, 1, 2].map((i) => scene.aabb.max[i] - scene.aabb.min[i]);
    expect(Math.max(...g.resolution)).toBe(24);
    expect(g.resolution[1]).toBe(Math.round((24 * ext[1]) / Math.max(...ext)));
    const [nx, ny, nz] = g.resolution;
    expect(g.density.length).toBe(nx * ny * nz);
    expect(g.rgb.length).toBe(3 * nx * ny * nz);
    // Voxels within the red sphere of demoScene (centre [-0.35,-0.1,0.3], r 0.38) vs far from every shape.
    let inside = 0, outsideMax = 0;
    for (let z = 0, v = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, v++) {
      const p = [x, y, z].map((q, i) => g.aabb.min[i] + ((q + 0.5) * ext[i]) / g.resolution[i]);
      const d = Math.hypot(p[0] + 0.35, p[1] + 0.1, p[2] - 0.3);
      if (d < 0.38) inside = Math.max(inside, g.density[v]);
      if (p[1] > 0.45 && Math.hypot(p[0] - 0.05, p[2] + 0.45) > 0.5) outsideMax = Math.max(outsideMax, g.density[v]);
    }
    expect(inside).toBeGreaterThan(30);
    expect(outsideMax).toBeLessThan(5);
    const c = 3 * (Math.floor(((-0.35 - g.aabb.min[0]) / ext[0]) * nx) + nx * (Math.floor(((0.05 - g.aabb.min[1]) / ext[1]) * ny) + ny * Math.floor(((0.3 - g.aabb.min[2]) / ext[2]) * nz)));
    expect(g.rgb[c]).toBeGreaterThan(g.rgb[c + 2]);
    expect(() => bakeGrid(scene, 0)).toThrow(/resolution/);
  });
});

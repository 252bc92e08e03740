import { beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../data/types';
import { packBinary } from './binary';
import { bakeGrid, deserializeScene, evaluateScene, fitScene, planScene, serializeScene, type FittedScene } from './index';
import { standInCapture } from './stand-in';

// Tiny fits of the procedural still life in each parameterisation (32x32 px).
const TINY = {
  preset: 'draft' as const, minutes: 60, seed: 1, previewEverySteps: 0,
  schedule: { stages: [{ voxels: 16 ** 3, steps: 120 }, { voxels: 32 ** 3, steps: 180 }], batchRays: 512 },
};

let capture: Capture;
let unbounded: FittedScene;

beforeAll(async () => {
  capture = standInCapture({ scene: 'demo', size: 32, train: 24, test: 4, supersample: 1, looseBounds: false });
  unbounded = await fitScene(capture, { ...TINY, sceneType: 'unbounded' });
});

describe('scene types in fitScene', () => {
  it('auto keeps a masked procedural capture on the object path', () => {
    const plan = planScene(capture);
    expect(plan.type).toBe('object');
    expect(plan.space.kind).toBe('world');
    expect(plan.decision?.why).toMatch(/alpha|Blender/);
    expect(() => planScene(capture, 'room' as never)).toThrow(/options\.sceneType has bad value "room"/);
  });

  it('fits a contracted grid that renders held-out views well and records type and crop box', () => {
    expect(unbounded.space?.kind).toBe('contract');
    expect(unbounded.sceneType).toBe('unbounded');
    expect(unbounded.info.sceneDecision).toBeNull();
    const test = capture.views.filter((v) => v.split === 'test');
    const m = evaluateScene(unbounded, test);
    const empty = { ...unbounded, density: new Float32Array(unbounded.density.length).fill(-100) };
    // With every camera inside the uncontracted ball, the still life gets only ~1/4 of a 32^3
    // grid's width (object path: > 24 dB); measured 17.2 dB, the empty scene ~10 dB.
    expect(m.psnr).toBeGreaterThan(16);
    expect(m.psnr).toBeGreaterThan(evaluateScene(empty, test).psnr + 5);
    // Crop box from the density (no sparse points): around the still life, inside the camera ring.
    const crop = unbounded.cropBox!;
    expect(crop).toBeDefined();
    for (let a = 0; a < 3; a++) {
      expect(crop.min[a]).toBeGreaterThan(-2.5);
      expect(crop.max[a]).toBeLessThan(2.5);
      expect(crop.max[a] - crop.min[a]).toBeGreaterThan(0.3);
    }
  });

  it('bakes a contracted scene in a world box (the crop box by default, or the one given)', () => {
    const g = bakeGrid(unbounded, 24);
    expect(g.aabb).toEqual(unbounded.cropBox);
    expect(Math.max(...g.density)).toBeGreaterThan(5);
    const box = { min: [-0.5, -0.5, -0.5] as [number, number, number], max: [0.5, 0.5, 1.5] as [number, number, number] };
    const h = bakeGrid(unbounded, 16, { crop: box });
    expect(h.aabb).toEqual(box);
    expect(h.resolution).toEqual([8, 8, 16]);
    expect(() => bakeGrid(unbounded, 16, { crop: { min: [0, 0, 0], max: [1, 0, 1] } })).toThrow(/options\.crop has bad value/);
  });

  it('round-trips space, scene type and crop box through scene.bin v2', () => {
    const back = deserializeScene(serializeScene(unbounded));
    expect(back.space).toEqual(unbounded.space);
    expect(back.sceneType).toBe('unbounded');
    expect(back.cropBox).toEqual(unbounded.cropBox);
    expect(evaluateScene(back, capture.views.slice(0, 1)).psnr).toBeCloseTo(evaluateScene(unbounded, capture.views.slice(0, 1)).psnr, 6);
  });

  it('still loads version-1 scene files (world space, no crop box)', () => {
    const { density, color, space: _s, sceneType: _t, cropBox: _c, ...rest } = unbounded;
    const v1 = packBinary('PXSCENE\0', 1, { kind: 'parallax-scene', ...rest, aabb: { min: [-1, -1, -1], max: [1, 1, 1] } }, { density, color });
    const old = deserializeScene(v1);
    expect(old.space).toBeUndefined();
    expect(old.cropBox).toBeUndefined();
    expect(bakeGrid(old, 8).aabb).toEqual({ min: [-1, -1, -1], max: [1, 1, 1] });
  });

  it('rejects a bad space in a scene file, naming the field', () => {
    const { density, color, ...rest } = unbounded;
    const bad = packBinary('PXSCENE\0', 2, { kind: 'parallax-scene', ...rest, space: { kind: 'contract', center: [0, 0], radius: 1 } }, { density, color });
    expect(() => deserializeScene(bad)).toThrow(/scene file: field "space.center" has bad value \[0,0\]/);
  });

  it('resumes a contracted fit from its checkpoint exactly (the space travels in the checkpoint)', async () => {
    const short = { ...TINY, sceneType: 'unbounded' as const, schedule: { stages: [{ voxels: 12 ** 3, steps: 20 }, { voxels: 20 ** 3, steps: 20 }], batchRays: 128 } };
    const full = await fitScene(capture, short, {});
    let ckpt: Uint8Array | null = null;
    await fitScene(capture, short, { checkpointEverySteps: 30, onCheckpoint: (b, step) => { if (step === 30) ckpt = b.slice(); } });
    // The resumed run is asked for another type: the checkpoint's space wins.
    const resumed = await fitScene(capture, { ...short, sceneType: 'object' }, { resumeFrom: ckpt! });
    expect(resumed.space).toEqual(full.space);
    expect(resumed.sceneType).toBe('unbounded');
    expect(resumed.density).toEqual(full.density);
    expect(resumed.color).toEqual(full.color);
  });

  it('fits the forward-facing (NDC) parameterisation when asked', async () => {
    const schedule = { stages: [{ voxels: 16 ** 3, steps: 60 }, { voxels: 32 ** 3, steps: 90 }], batchRays: 256 };
    const s = await fitScene(capture, { ...TINY, schedule, sceneType: 'forward-facing' });
    expect(s.space?.kind).toBe('ndc');
    const test = capture.views.filter((v) => v.split === 'test');
    const empty = { ...s, density: new Float32Array(s.density.length).fill(-100) };
    // A 360° rig is a poor fit for NDC (views behind the reference camera see little), but the
    // path must still learn: clearly better than the empty scene.
    expect(evaluateScene(s, test).psnr).toBeGreaterThan(evaluateScene(empty, test).psnr + 3);
  });
});

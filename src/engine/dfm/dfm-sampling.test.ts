import type * as tfn from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraCenter, projectPoint } from '../camera';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import {
  bakeSceneGrid, createDfmModel, createTargetCache, denoise, denoiseCached, disposeConditioning, disposeDfmModel, disposeScene,
  disposeTargetCache, imageToTensor, orbitPath, prepareConditioning, renderScene, sampleAlongPath, sampleScenes, sampleView, squareView, withVisibility,
  type DfmModel,
} from '.';
import { TINY_CONFIG, TINY_SIZE, sphereView } from './dfm-fixtures';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});

const maxAbs = (a: tfn.Tensor, b: tfn.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('cached denoiser (target-cache.ts)', () => {
  for (const aggregate of ['mean', 'meanvar'] as const) {
    it(`equals the reference denoiser (${aggregate}, 2 context views, both conv impls), no leaks`, () => {
      const model = createDfmModel(tf, { ...TINY_CONFIG, field: { ...TINY_CONFIG.field!, aggregate } }, 3);
      const before = tf.memory().numTensors;
      const views = [sphereView(0), sphereView(1.3)];
      const ctx = tf.tidy(() => tf.concat(views.map((v) => imageToTensor(tf, v.image, TINY_SIZE, 'ctx')), 0)) as tfn.Tensor4D;
      const cond = prepareConditioning(model, ctx, views.map((v) => v.camera), sphereView(2.5).camera, { drop: false, training: false, seed: null });
      const xt = tf.randomNormal([1, TINY_SIZE, TINY_SIZE, 3], 0, 1, 'float32', 4) as tfn.Tensor4D;
      const ref = denoise(model, cond, xt, 700);
      for (const conv of ['native', 'im2col'] as const) {
        const cache = createTargetCache(model, cond, { conv, chunk: 100 });
        const fast = denoiseCached(model, cond, cache, xt, 700);
        expect(maxAbs(fast.x0, ref.x0)).toBeLessThan(1e-4);
        expect(maxAbs(fast.depth, ref.depth)).toBeLessThan(1e-4);
        tf.dispose([fast.x0, fast.depth]);
        disposeTargetCache(cache);
      }
      // A different timestep changes the output (the cache does not freeze the target branch).
      const cache = createTargetCache(model, cond);
      const other = denoiseCached(model, cond, cache, xt, 50);
      expect(maxAbs(other.x0, ref.x0)).toBeGreaterThan(1e-4);
      tf.dispose([other.x0, other.depth, ref.x0, ref.depth, ctx, xt]);
      disposeTargetCache(cache);
      disposeConditioning(cond);
      expect(tf.memory().numTensors).toBe(before);
      disposeDfmModel(model);
    });
  }
  it('cached and reference sampling give the same image', async () => {
    const model = createDfmModel(tf, TINY_CONFIG, 5);
    const a = await sampleView(model, [sphereView(0)], sphereView(2).camera, { seed: 2, sampler: { steps: 3 } });
    const b = await sampleView(model, [sphereView(0)], sphereView(2).camera, { seed: 2, sampler: { steps: 3 }, cache: false });
    const d = a.image.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.image.data[i])), 0);
    expect(d).toBeLessThan(1e-3);
    // Temperature scales x_T, so deterministic DDIM still responds to it.
    const c = await sampleView(model, [sphereView(0)], sphereView(2).camera, { seed: 2, sampler: { steps: 3, temperature: 0.5 } });
    expect(c.image.data.some((v, i) => Math.abs(v - a.image.data[i]) > 1e-3)).toBe(true);
    [a, b, c].forEach((s) => disposeScene(s.scene));
    disposeDfmModel(model);
  });

  it('a seed reproduces its sample, seed 0 included (tfjs takes a 0 seed as none)', async () => {
    const model = createDfmModel(tf, TINY_CONFIG, 5);
    const draw = (seed: number, eta: number) => sampleView(model, [sphereView(0)], sphereView(2).camera, { seed, sampler: { steps: 3, eta } });
    for (const eta of [0, 1]) {
      const [a, b, other] = [await draw(0, eta), await draw(0, eta), await draw(1, eta)];
      expect(Array.from(b.image.data)).toEqual(Array.from(a.image.data));
      expect(other.image.data.some((v, i) => Math.abs(v - a.image.data[i]) > 1e-4)).toBe(true);
      [a, b, other].forEach((s) => disposeScene(s.scene));
    }
    disposeDfmModel(model);
  });
});

describe('scenes: paths, autoregressive sampling, render, bake', () => {
  let model: DfmModel;
  beforeAll(() => { model = createDfmModel(tf, TINY_CONFIG, 1); });
  afterAll(() => disposeDfmModel(model));

  it('orbitPath keeps radius and height and spreads azimuths', () => {
    const first = sphereView(0.4).camera;
    const c0 = cameraCenter(first.c2w);
    const path = orbitPath(first, 3);
    const az = path.map((p) => { const c = cameraCenter(p.c2w); expect(Math.hypot(c[0], c[2])).toBeCloseTo(Math.hypot(c0[0], c0[2]), 5); expect(c[1]).toBeCloseTo(c0[1], 5); return Math.atan2(c[0], c[2]); });
    const step = (a: number, b: number) => ((b - a + 4 * Math.PI) % (2 * Math.PI));
    expect(step(0.4, az[0])).toBeCloseTo(Math.PI / 2, 5);
    expect(step(az[0], az[1])).toBeCloseTo(Math.PI / 2, 5);
    expect(orbitPath(first, 4, { includeStart: true })[0].c2w[3]).toBeCloseTo(first.c2w[3], 5);
  });

  it('autoregressive: every generated view joins the scene; render and bake are finite; no leaks', async () => {
    const before = tf.memory().numTensors;
    const ctx = [sphereView(0)];
    const path = orbitPath(ctx[0].camera, 2);
    const seen: number[] = [];
    const res = await sampleAlongPath(model, ctx, path, { seed: 1, sampler: { steps: 2 }, maxContextViews: 2, onView: (i) => { seen.push(i); } });
    expect(seen).toEqual([0, 1]);
    expect(res.views).toHaveLength(2);
    expect(res.scene.conditioning.cameras.count).toBe(3);
    expect(res.scene.conditioning.features.shape[0]).toBe(3);
    const r = renderScene(model, res.scene, sphereView(1).camera, 12);
    expect(r.image.width).toBe(12);
    expect(r.image.data.every(Number.isFinite)).toBe(true);
    const grid = bakeSceneGrid(model, res.scene, { resolution: 6, chunk: 100 });
    expect(grid.density).toHaveLength(216);
    expect(grid.rgb).toHaveLength(648);
    expect(grid.density.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    disposeScene(res.scene);
    // N one-shot samples with different seeds differ (in the noise they start from at least).
    const many = await sampleScenes(model, ctx, [path[0]], 2, { seed: 4, sampler: { steps: 2 } });
    expect(many).toHaveLength(2);
    expect(many[0].views[0].image.data.some((v, i) => Math.abs(v - many[1].views[0].image.data[i]) > 1e-4)).toBe(true);
    many.forEach((m) => disposeScene(m.scene));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('occlusion-aware pooling of a finished scene (withVisibility)', () => {
  it('surface distances come from the scene at each view, render and bake use them, disposing frees all', async () => {
    const model = createDfmModel(tf, TINY_CONFIG, 9);
    const r = model.config.render;
    const before = tf.memory().numTensors;
    const s = await sampleView(model, [sphereView(0)], sphereView(2.5).camera, { seed: 1, sampler: { steps: 2 } });
    const plain = renderScene(model, s.scene, sphereView(1.2).camera).image;
    const pooled = withVisibility(model, s.scene);
    expect(pooled.cameras).toHaveLength(2);
    const surface = pooled.conditioning.visibility!.surfaceDistance;
    expect(surface.shape).toEqual([2, TINY_SIZE, TINY_SIZE, 1]);
    // A surface pixel's distance is the opacity-normalised expected depth, inside [near, far];
    // an empty pixel is marked far beyond the scene (10 far).
    const d = surface.dataSync();
    expect(d.every((v) => (v >= r.near - 1e-3 && v <= r.far + 1e-3) || v === 10 * r.far)).toBe(true);
    const aware = renderScene(model, pooled, sphereView(1.2).camera).image;
    expect(aware.data.every(Number.isFinite)).toBe(true);
    expect(aware.data.some((v, i) => Math.abs(v - plain.data[i]) > 1e-4) || d.every((v) => v === 10 * r.far)).toBe(true);
    const grid = bakeSceneGrid(model, pooled, { resolution: 5, chunk: 64 });
    expect(grid.density.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    disposeScene(pooled);
    expect(tf.memory().numTensors).toBe(before);
    disposeDfmModel(model);
  });
});

describe('view colours of a finished scene (withVisibility viewColours)', () => {
  it('the scene keeps its views\' images; colours come from them, render and bake work, disposing frees all', async () => {
    const model = createDfmModel(tf, TINY_CONFIG, 9);
    const before = tf.memory().numTensors;
    const photo = sphereView(0);
    const path = await sampleAlongPath(model, [photo], [sphereView(1.2).camera, sphereView(2.5).camera], { seed: 2, sampler: { steps: 2 }, maxContextViews: 2 });
    // The final scene holds the photo, the first generated view and the last, each with its image.
    expect(path.scene.images).toEqual([photo.image, path.views[0].image, path.views[1].image]);
    expect(path.scene.photoViews).toBe(1);
    const plainScene = withVisibility(model, path.scene);
    const plain = renderScene(model, plainScene, sphereView(0.6).camera).image;
    plainScene.conditioning.visibility!.surfaceDistance.dispose();
    const coloured = withVisibility(model, path.scene, { viewColours: true });
    const colours = coloured.conditioning.visibility!.colours!;
    expect(colours.shape).toEqual([3, TINY_SIZE, TINY_SIZE, 3]);
    expect(coloured.conditioning.visibility!.photoViews).toBe(1);
    expect(tf.tidy(() => maxAbs(tf.slice(colours, [0, 0, 0, 0], [1, -1, -1, -1]), tf.tensor4d(photo.image.data, [1, TINY_SIZE, TINY_SIZE, 3])))).toBe(0);
    const render = renderScene(model, coloured, sphereView(0.6).camera).image;
    expect(render.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    expect(render.data.some((v, i) => Math.abs(v - plain.data[i]) > 1e-4)).toBe(true);
    const grid = bakeSceneGrid(model, coloured, { resolution: 5, chunk: 64 });
    expect(grid.rgb.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    disposeScene(coloured);
    expect(tf.memory().numTensors).toBe(before);
    disposeDfmModel(model);
  });
});

describe('squareView', () => {
  it('centre-crops and resizes, keeping projections consistent', () => {
    const view = sphereView(0.3, 24);
    // Make a 24x16 (w x h) image from rows 4..20 of the 24x24 one, with intrinsics to match.
    const k = { ...view.camera.intrinsics, height: 16, cy: view.camera.intrinsics.cy - 4 };
    const data = view.image.data.slice(4 * 24 * 3, 20 * 24 * 3);
    const sq = squareView({ width: 24, height: 16, data }, k, 8);
    expect(sq.image.width).toBe(8);
    const p: [number, number, number] = [0.1, 0.2, 0.3];
    const a = projectPoint(k, view.camera.c2w, p); const b = projectPoint(sq.intrinsics, view.camera.c2w, p);
    expect(b.u).toBeCloseTo((a.u - 4) * 0.5, 4);
    expect(b.v).toBeCloseTo(a.v * 0.5, 4);
  });
});

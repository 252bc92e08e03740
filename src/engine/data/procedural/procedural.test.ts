import { describe, expect, it } from 'vitest';
import { intrinsicsFromFov, lookAt, projectPoint } from '../../camera';
import {
  cameraOnSphere, generateDataset, proceduralCategoryScene, renderAnalyticView, renderProceduralCapture, sceneSplit,
} from './index';
import type { ProceduralScene, Shape } from './index';

const light = { direction: [0, 0, 1] as [number, number, number], ambient: 0.25, shadows: true };
const k = intrinsicsFromFov(33, 33, Math.PI / 3);
const front = lookAt([0, 0, 4], [0, 0, 0]);
const centre = 16 * 33 + 16;

function single(shape: Shape): ProceduralScene {
  return { shapes: [shape], light };
}

describe('analytic ray tracer', () => {
  it('gives the exact depth, colour and alpha of a sphere', () => {
    const scene = single({ kind: 'sphere', center: [0, 0, 0], radius: 1, color: [0.8, 0.4, 0.2] });
    const r = renderAnalyticView(scene, k, front, [0, 0, 1], 1);
    expect(r.depth[centre]).toBeCloseTo(3, 10);
    expect(r.alpha[centre]).toBe(1);
    // Normal (0,0,1) faces the light: albedo * (ambient + (1 - ambient) * 1) = albedo.
    expect(r.image.data[3 * centre]).toBeCloseTo(0.8, 6);
    // Every pixel: analytic ray-sphere distance from the camera geometry.
    for (let y = 0; y < 33; y++) {
      for (let x = 0; x < 33; x++) {
        const i = y * 33 + x;
        const dx = (x + 0.5 - k.cx) / k.fx, dy = -(y + 0.5 - k.cy) / k.fy;
        const n = Math.hypot(dx, dy, 1);
        const cosA = 1 / n; // angle between the ray and the axis to the sphere centre
        const miss = 4 * Math.sqrt(1 - cosA * cosA) > 1;
        if (miss) {
          expect(r.alpha[i]).toBe(0);
          expect(r.depth[i]).toBe(0);
          expect(Array.from(r.image.data.slice(3 * i, 3 * i + 3))).toEqual([0, 0, 1]);
        } else {
          const expected = 4 * cosA - Math.sqrt(1 - 16 * (1 - cosA * cosA));
          expect(Math.abs(r.depth[i] - expected)).toBeLessThan(3e-7 * expected); // float32 storage
        }
      }
    }
  });

  it('gives exact depths for a box, a cylinder and a cone', () => {
    const box = renderAnalyticView(single({ kind: 'box', center: [0, 0, 0], halfSize: [0.5, 0.5, 0.5], color: [1, 1, 1] }), k, front, [0, 0, 0]);
    expect(box.depth[centre]).toBeCloseTo(3.5, 10);
    const rotated = renderAnalyticView(single({ kind: 'box', center: [0, 0, 0], halfSize: [0.5, 0.5, 0.5], rotationY: Math.PI / 4, color: [1, 1, 1] }), k, front, [0, 0, 0]);
    expect(rotated.depth[centre]).toBeCloseTo(4 - Math.SQRT1_2, 6);
    const cyl = renderAnalyticView(single({ kind: 'cylinder', base: [0, -1, 0], axis: [0, 1, 0], height: 2, radiusBase: 0.5, radiusTop: 0.5, color: [1, 1, 1] }), k, front, [0, 0, 0]);
    expect(cyl.depth[centre]).toBeCloseTo(3.5, 10);
    const cone = renderAnalyticView(single({ kind: 'cylinder', base: [0, -0.5, 0], axis: [0, 1, 0], height: 1, radiusBase: 0.5, radiusTop: 0, color: [1, 1, 1] }), k, front, [0, 0, 0]);
    expect(cone.depth[centre]).toBeCloseTo(3.75, 10);
    // A cylinder along +Z seen end-on: its cap at z = 1.
    const endOn = renderAnalyticView(single({ kind: 'cylinder', base: [0, 0, -1], axis: [0, 0, 1], height: 2, radiusBase: 0.3, radiusTop: 0.3, color: [1, 1, 1] }), k, front, [0, 0, 0]);
    expect(endOn.depth[centre]).toBeCloseTo(3, 10);
  });

  it('casts shadows and shades by the light direction', () => {
    const scene: ProceduralScene = {
      light: { direction: [0, 1, 0], ambient: 0.2, shadows: true },
      shapes: [{ kind: 'sphere', center: [0, 0.6, 0], radius: 0.3, color: [1, 1, 1] }],
      ground: { y: 0, radius: 2, color: [0.5, 0.5, 0.5] },
    };
    const cam = lookAt([0, 2, 3], [0, 0, 0]);
    const r = renderAnalyticView(scene, k, cam, [0, 0, 0]);
    const px = (p: [number, number, number]) => { const q = projectPoint(k, cam, p); return Math.floor(q.v) * 33 + Math.floor(q.u); };
    // Ground right below the sphere: shadowed, ambient only = 0.5 * 0.2.
    expect(r.image.data[3 * px([0, 0, 0])]).toBeCloseTo(0.1, 6);
    expect(r.depth[px([0, 0, 0])]).toBeGreaterThan(3.5);
    // Ground far from the sphere: fully lit = 0.5 * (0.2 + 0.8 * 1).
    expect(r.image.data[3 * px([1.2, 0, 0.5])]).toBeCloseTo(0.5, 6);
    // Without shadows the same ground point is lit.
    const noShadow = renderAnalyticView({ ...scene, light: { ...scene.light, shadows: false } }, k, cam, [0, 0, 0]);
    expect(noShadow.image.data[3 * px([0, 0, 0])]).toBeCloseTo(0.5, 6);
  });

  it('supersampling gives fractional alpha only on silhouettes', () => {
    const scene = single({ kind: 'sphere', center: [0, 0, 0], radius: 1, color: [1, 1, 1] });
    const r = renderAnalyticView(scene, k, front, [0, 0, 0], 4);
    const partial = Array.from(r.alpha).filter((a) => a > 0 && a < 1).length;
    expect(partial).toBeGreaterThan(10);
    expect(r.alpha[0]).toBe(0);
    expect(r.alpha[centre]).toBe(1);
  });
});

describe('renderProceduralCapture', () => {
  it('renders the requested splits with depth and consistent bounds', () => {
    const scene = single({ kind: 'sphere', center: [0, 0, 0], radius: 0.5, color: [1, 0, 0] });
    const { capture } = renderProceduralCapture({ scene, width: 16, height: 12, views: { train: 5, test: 2 }, supersample: 1 });
    expect(capture.views.map((v) => v.split)).toEqual(['train', 'train', 'train', 'train', 'train', 'test', 'test']);
    expect(capture.views[5].file).toBe('test/r_0.png');
    for (const v of capture.views) {
      expect(v.depth!.length).toBe(16 * 12);
      const hits = Array.from(v.depth!).filter((d) => d > 0);
      // Camera radius 3, sphere radius 0.5: every hit lies at distance in [2.5, 3).
      expect(Math.min(...hits)).toBeGreaterThanOrEqual(2.5 - 1e-9);
      expect(Math.max(...hits)).toBeLessThan(3);
    }
    expect(capture.near).toBeLessThan(2.5);
    expect(capture.far).toBeGreaterThan(3.5);
  });
});

describe('toy category', () => {
  const back = cameraOnSphere([0, 0, 0], 2.2, Math.PI, 0.2);
  const frontCam = cameraOnSphere([0, 0, 0], 2.2, 0, 0.2);
  const k64 = intrinsicsFromFov(48, 48, (40 * Math.PI) / 180);
  const render = (scene: ProceduralScene, c2w: Float64Array) => renderAnalyticView(scene, k64, c2w, [1, 1, 1], 1).image.data;
  const meanAbs = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
  const changedPixels = (a: Float32Array, b: Float32Array) => {
    let n = 0;
    for (let i = 0; i < a.length; i += 3) if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 0.1) n++;
    return n;
  };

  it('is deterministic by seed', () => {
    expect(proceduralCategoryScene(7)).toEqual(proceduralCategoryScene(7));
    expect(render(proceduralCategoryScene(7).scene, back)).toEqual(render(proceduralCategoryScene(7).scene, back));
    expect(proceduralCategoryScene(7)).not.toEqual(proceduralCategoryScene(8));
  });

  it('hides the random back parts from the front view and shows them from behind', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { scene, info } = proceduralCategoryScene(seed);
      const withoutBack: ProceduralScene = {
        ...scene,
        shapes: info.parts.filter((p) => p.side !== 'back').map((p) => ({ ...p.shape, split: undefined })),
      };
      const hiddenFromFront = changedPixels(render(scene, frontCam), render(withoutBack, frontCam));
      const seenFromBehind = changedPixels(render(scene, back), render(withoutBack, back));
      expect(hiddenFromFront).toBeLessThan(0.02 * 48 * 48);
      expect(seenFromBehind).toBeGreaterThan(0.01 * 48 * 48);
      expect(seenFromBehind).toBeGreaterThan(4 * hiddenFromFront);
    }
  });

  it('varies the hidden side between seeds', () => {
    const backs = [11, 12, 13, 14].map((s) => render(proceduralCategoryScene(s).scene, back));
    for (let i = 0; i < backs.length; i++) {
      for (let j = i + 1; j < backs.length; j++) expect(meanAbs(backs[i], backs[j])).toBeGreaterThan(0.02);
    }
    const kinds = new Set([...Array(20).keys()].flatMap((s) => proceduralCategoryScene(s).info.parts.filter((p) => p.side === 'back').map((p) => p.name.split(':')[1])));
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });

  it('generates a dataset with a front view 0 and a split by scene seed', () => {
    const a = generateDataset({ scenes: 3, seed: 5, resolution: 16, viewsPerScene: 3, supersample: 1 });
    const b = generateDataset({ scenes: 3, seed: 5, resolution: 16, viewsPerScene: 3, supersample: 1 });
    expect(a.map((s) => s.sceneSeed)).toEqual(b.map((s) => s.sceneSeed));
    expect(a[2].capture.views[1].image.data).toEqual(b[2].capture.views[1].image.data);
    for (const s of a) {
      expect(s.capture.views).toHaveLength(3);
      expect(s.split).toBe(sceneSplit(s.sceneSeed));
      const eye = s.capture.views[0].c2w;
      expect(eye[11]).toBeGreaterThan(Math.abs(eye[3]) * 5); // view 0 looks from +Z (the front)
    }
    const test = generateDataset({ scenes: 4, seed: 5, resolution: 8, viewsPerScene: 2, supersample: 1, split: 'test' });
    const train = generateDataset({ scenes: 12, seed: 5, resolution: 8, viewsPerScene: 2, supersample: 1, split: 'train' });
    expect(test.every((s) => s.split === 'test')).toBe(true);
    const trainSeeds = new Set(train.map((s) => s.sceneSeed));
    expect(test.some((s) => trainSeeds.has(s.sceneSeed))).toBe(false);
  });
});

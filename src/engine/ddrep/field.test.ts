// The voxel-field representation: it renders the image prior's cameras like the prior's own training renders
// (renderAnalyticView with the same rig, intrinsics and background), its fixed views carry the prior's
// conditioning vector, and its own solver lowers the joint multi-view loss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRays, intrinsicsFromFov, type Intrinsics, type Mat4 } from '../camera';
import { cameraOnSphere, DATASET_DEFAULTS, renderAnalyticView, type ProceduralScene } from '../data/procedural';
import { dcForColor } from '../recon/grid';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { voxelField, type FieldRep } from './field';
import { fieldIntrinsics, fieldView } from './field-views';

let tf: Tf;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
});
const reps: FieldRep[] = [];
afterAll(() => reps.forEach((r) => r.dispose()));

// Two flat-coloured spheres (ambient light 1: the analytic render shows the albedo): a red one at the centre
// and a blue one in front (+Z, the objects' front, seen from azimuth 0).
const SPHERES = [
  { center: [0, 0, 0] as [number, number, number], radius: 0.35, color: [0.9, 0.15, 0.1] as [number, number, number] },
  { center: [0, 0.1, 0.5] as [number, number, number], radius: 0.18, color: [0.1, 0.2, 0.9] as [number, number, number] },
];
const SCENE: ProceduralScene = {
  shapes: SPHERES.map((s) => ({ kind: 'sphere', center: s.center, radius: s.radius, color: s.color })),
  light: { direction: [0, 1, 0], ambient: 1, shadows: false },
};

/** Write the spheres into the grid: opaque inside, empty outside, each vertex coloured by its nearest sphere. */
function paintSpheres(rep: FieldRep): void {
  const g = rep.solver.grid;
  for (let z = 0, v = 0; z < g.nz; z++) for (let y = 0; y < g.ny; y++) for (let x = 0; x < g.nx; x++, v++) {
    const p = [g.aabb.min[0] + x * g.cell[0], g.aabb.min[1] + y * g.cell[1], g.aabb.min[2] + z * g.cell[2]];
    const d = SPHERES.map((s) => Math.hypot(p[0] - s.center[0], p[1] - s.center[1], p[2] - s.center[2]) - s.radius);
    const near = d[0] < d[1] ? 0 : 1;
    g.density[v] = Math.min(...d) < 0 ? 30 : -30;
    for (let c = 0; c < 3; c++) g.color[3 * v + c] = dcForColor(SPHERES[near].color[c]);
  }
  rep.solver.version++;
}

/** Pixels whose centre ray passes within `margin` of a sphere's silhouette (voxelisation blurs them). */
function edgePixels(k: Intrinsics, c2w: Mat4, margin: number): Set<number> {
  const { origins, directions } = generateRays(k, c2w);
  const out = new Set<number>();
  for (let i = 0; i < origins.length / 3; i++) {
    for (const s of SPHERES) {
      const o = [s.center[0] - origins[3 * i], s.center[1] - origins[3 * i + 1], s.center[2] - origins[3 * i + 2]];
      const d = [directions[3 * i], directions[3 * i + 1], directions[3 * i + 2]];
      const cross = Math.hypot(o[1] * d[2] - o[2] * d[1], o[2] * d[0] - o[0] * d[2], o[0] * d[1] - o[1] * d[0]);
      if (Math.abs(cross - s.radius) < margin) out.add(i);
    }
  }
  return out;
}

describe('voxel field representation', () => {
  it('renders a known field as the prior renderer draws the same objects from the same cameras', () => {
    const rep = voxelField(tf, { views: 4, seed: 3 });
    reps.push(rep);
    paintSpheres(rep);
    const deg = Math.PI / 180;
    // Fixed views and extra views at other azimuths/elevations (behind: the blue sphere is hidden by the red).
    const views = [...rep.views, fieldView(rep.config, 0, 0), fieldView(rep.config, 90 * deg, 20 * deg), fieldView(rep.config, 200 * deg, 35 * deg)];
    // The prior's training renders (prior/data.ts): camera from the conditioning vector alone, as priorImages
    // places it for priorCondition(el, az); its intrinsics and background from DATASET_DEFAULTS.
    const k = intrinsicsFromFov(32, 32, (DATASET_DEFAULTS.fovDeg * Math.PI) / 180);
    let compared = 0; let blue = 0;
    for (const view of views) {
      const [sinAz, cosAz, el] = view.cond!;
      const c2w = cameraOnSphere([0, 0, 0], DATASET_DEFAULTS.radius, Math.atan2(sinAz, cosAz), el);
      const want = renderAnalyticView(SCENE, k, c2w, DATASET_DEFAULTS.background, 1).image.data; // [0, 1]
      const got = tf.tidy(() => rep.render(view)).dataSync(); // [-1, 1]
      expect(got.length).toBe(32 * 32 * 3);
      const skip = edgePixels(k, c2w, 0.06);
      let worst = 0;
      for (let i = 0; i < 32 * 32; i++) {
        if (skip.has(i)) continue;
        compared++;
        if (want[3 * i + 2] > 0.8 && want[3 * i] < 0.2) blue++;
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs((got[3 * i + c] + 1) / 2 - want[3 * i + c]));
      }
      expect(worst, view.key).toBeLessThan(0.02);
    }
    expect(compared).toBeGreaterThan(0.7 * views.length * 1024);
    expect(blue).toBeGreaterThan(50); // the front sphere was seen (and placed) where the prior's camera sees it
  });

  it('fixed views carry the prior conditioning, distinct managed noise and the prior rig', () => {
    const rep = voxelField(tf, { views: 8, seed: 1, size: 8 });
    reps.push(rep);
    expect(rep.noiseShape).toEqual([8, 8, 8, 3]);
    expect(fieldIntrinsics(rep.config, 32)).toEqual(intrinsicsFromFov(32, 32, (DATASET_DEFAULTS.fovDeg * Math.PI) / 180));
    for (const v of rep.views) {
      expect(v.cond).toEqual([Math.sin(v.azimuth), Math.cos(v.azimuth), v.elevation]);
      expect(v.elevation).toBeGreaterThanOrEqual(0);
      expect(v.elevation).toBeLessThanOrEqual((35 * Math.PI) / 180);
      const eye = [v.c2w[3], v.c2w[7], v.c2w[11]];
      expect(Math.hypot(eye[0], eye[1], eye[2])).toBeCloseTo(2.2, 5);
    }
    // Azimuths one 45 deg apart: the views go all the way round.
    const az = rep.views.map((v) => v.azimuth).sort((a, b) => a - b);
    for (let i = 1; i < az.length; i++) expect(az[i] - az[i - 1]).toBeCloseTo(Math.PI / 4, 6);
    let n = 0;
    const rng = () => ((n = (n * 16807 + 7) % 2147483647) / 2147483647);
    const picked = rep.sampleViews(rng, 3);
    expect(new Set(picked.map((v) => v.index)).size).toBe(3);
    expect(rep.sampleViews(rng, 20).map((v) => v.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const E = tf.randomNormal([8, 8, 8, 3], 0, 1, 'float32', 5);
    const a = rep.viewNoise(E, rep.views[2]); const b = tf.tidy(() => tf.reshape(tf.slice(E, [2, 0, 0, 0], [1, 8, 8, 3]), [8, 8, 3]));
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(() => rep.viewNoise(E, rep.ring(1, 10)[0])).toThrow(/no managed noise/);
    tf.dispose([E, a, b]);
  });

  it('fitViews lowers the joint loss towards the analytic renders, and keeps lowering it warm-started', async () => {
    const rep = voxelField(tf, { views: 4, size: 16, resolution: 17 });
    reps.push(rep);
    const views = rep.views.slice(0, 3);
    const k = fieldIntrinsics(rep.config, 16);
    const targets = views.map((v) => tf.tidy(() => tf.sub(tf.mul(tf.tensor3d(renderAnalyticView(SCENE, k, v.c2w, [1, 1, 1], 2).image.data, [16, 16, 3]), 2), 1)));
    const lossNow = () => tf.tidy(() => tf.mean(tf.stack(views.map((v, i) => tf.mean(tf.squaredDifference(rep.render(v), targets[i])))))).dataSync()[0];
    const l0 = lossNow();
    const before = tf.memory().numTensors;
    const l1 = await rep.fitViews!(views, targets, { iterations: 30, lr: null, keepState: false });
    expect(tf.memory().numTensors).toBe(before);
    expect(l1).toBeCloseTo(lossNow(), 6); // the returned loss is the loss after the last update
    const l2 = await rep.fitViews!(views, targets, { iterations: 30, lr: null, keepState: false });
    expect(l1).toBeLessThan(0.5 * l0);
    expect(l2).toBeLessThan(l1);
    // The held-out 4th fixed view also moved towards the scene (the fit changed the 3-D field, not just pixels).
    const v4 = rep.views[3];
    const t4 = tf.tensor3d(renderAnalyticView(SCENE, k, v4.c2w, [1, 1, 1], 2).image.data, [16, 16, 3]);
    const held = tf.tidy(() => tf.mean(tf.squaredDifference(rep.render(v4), tf.sub(tf.mul(t4, 2), 1)))).dataSync()[0];
    const fresh = voxelField(tf, { views: 4, size: 16, resolution: 17 });
    reps.push(fresh);
    const heldInit = tf.tidy(() => tf.mean(tf.squaredDifference(fresh.render(v4), tf.sub(tf.mul(t4, 2), 1)))).dataSync()[0];
    expect(held).toBeLessThan(heldInit);
    tf.dispose([...targets, t4]);
    const z = tf.zeros([16, 16, 3]);
    await expect(rep.fitViews!([rep.ring(1, 10)[0]], [z], { iterations: 1, lr: null, keepState: false })).rejects.toThrow(/not one of the 4 fixed views/);
    z.dispose();
  }, 60_000);

  it('refuses bad configs naming the field', () => {
    expect(() => voxelField(tf, { resolution: 2 })).toThrow(/ddrep\/field.ts: resolution/);
    expect(() => voxelField(tf, { radius: 1 })).toThrow(/inside the grid/);
    expect(() => voxelField(tf, { lrColor: 0 })).toThrow(/lrColor must be > 0, got 0/);
  });
});

// planScene: from a capture and the artist's choice, the scene type, the grid's space
// (space.ts), near/far, the box, and the crop box of the object of interest.
//
// 1. Type: classifySceneType (data/scene-type.ts) unless overridden.
// 2. Centre c: the cameras' look-at point (least-squares point closest to all optical axes),
//    else the mean camera centre; D = median camera distance to c.
// 3. near/far from the sparse points (percentiles, data/sparse-bounds.ts) when there are any,
//    else the reader's camera-based guess (capture.near/far).
// 4. Space:  object -> world box (the points' box within D of c when there are points, else
//    capture.aabb);  unbounded -> contraction about c with radius 1.05 * (largest camera
//    distance), so every camera sits in the uncontracted unit ball (mip-NeRF 360 Sec. 2);
//    forward-facing -> NDC of the mean camera with near from the points (or capture.near).
// 5. Crop box: the points within D/2 of c (2nd-98th percentiles per axis, 10 % padding); without
//    points it is found after the fit from the density (crop-box.ts).
import { cameraCenter } from '../camera';
import { classifySceneType, sceneCentre, type SceneType, type SceneTypeDecision } from '../data/scene-type';
import { percentile, pointsBox, sparseNearFar } from '../data/sparse-bounds';
import type { Capture } from '../data/types';
import { WORLD_SPACE, type SceneSpace, type Vec3 } from './space';
import type { Aabb } from './types';

export type SceneTypeChoice = 'auto' | SceneType;

export interface ScenePlan {
  type: SceneType;
  decision: SceneTypeDecision | null;
  space: SceneSpace;
  /** The capture with near/far/aabb replaced (views and images shared, not copied). */
  capture: Capture;
  centre: Vec3;
  /** Median camera distance to the centre (world units). */
  cameraDistance: number;
  cropBox: Aabb | null;
  /** Where near/far came from. */
  bounds: 'sparse-points' | 'cameras';
}

const sub = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function meanCamera(capture: Capture): { origin: Vec3; rotation: number[] } {
  const n = capture.views.length;
  const o: Vec3 = [0, 0, 0], back: Vec3 = [0, 0, 0], up: Vec3 = [0, 0, 0];
  for (const v of capture.views) {
    const m = v.c2w;
    for (let i = 0; i < 3; i++) { o[i] += m[4 * i + 3] / n; back[i] += m[4 * i + 2]; up[i] += m[4 * i + 1]; }
  }
  const nb = Math.hypot(...back) || 1;
  const z = back.map((x) => x / nb) as Vec3;
  const d = up[0] * z[0] + up[1] * z[1] + up[2] * z[2];
  const yRaw = up.map((x, i) => x - d * z[i]) as Vec3;
  const ny = Math.hypot(...yRaw) || 1;
  const y = yRaw.map((x) => x / ny) as Vec3;
  const x: Vec3 = [y[1] * z[2] - y[2] * z[1], y[2] * z[0] - y[0] * z[2], y[0] * z[1] - y[1] * z[0]];
  return { origin: o, rotation: [...x, ...y, ...z] };
}

/** Depths of points along the reference camera's forward axis (positive in front). */
function depthsAlong(xyz: Float32Array, origin: Vec3, rotation: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < xyz.length; i += 3) {
    const d = -(rotation[6] * (xyz[i] - origin[0]) + rotation[7] * (xyz[i + 1] - origin[1]) + rotation[8] * (xyz[i + 2] - origin[2]));
    if (d > 0) out.push(d);
  }
  return out;
}

export interface ScenePlanOptions {
  /**
   * Radius of the uncontracted unit ball of unbounded scenes, as a multiple of the largest camera
   * distance to the centre (mip-NeRF 360 puts the cameras inside the ball). Beyond it the grid's
   * resolution falls off as 1 / distance^2, so it trades foreground detail against cameras in
   * the contracted part. Measured on the beer-can capture (equal work: 500 steps of 1024 rays,
   * 48^3 then 80^3 voxels, 270x480, 9 held-out views): 1.05x the largest camera distance 19.23 dB;
   * half the median distance (object larger in the grid, cameras contracted) 17.99 dB.
   */
  contractRadius: number;
}
export const SCENE_PLAN_DEFAULTS: ScenePlanOptions = { contractRadius: 1.05 };

export function planScene(capture: Capture, choice: SceneTypeChoice = 'auto', options: Partial<ScenePlanOptions> = {}): ScenePlan {
  const opt = { ...SCENE_PLAN_DEFAULTS, ...options };
  if (!['auto', 'object', 'unbounded', 'forward-facing'].includes(choice)) {
    throw new Error(`fitScene: options.sceneType has bad value ${JSON.stringify(choice)} (expected auto|object|unbounded|forward-facing)`);
  }
  const decision = choice === 'auto' ? classifySceneType(capture) : null;
  const type: SceneType = decision ? decision.type : (choice as SceneType);
  const { centre } = sceneCentre(capture.views);
  const camDists = capture.views.map((v) => sub(cameraCenter(v.c2w), centre));
  const D = percentile(camDists, 50);
  const pts = capture.sparsePoints?.xyz;
  const nf = pts ? sparseNearFar(capture.views, pts) : null;
  let near = nf ? nf.near : capture.near, far = nf ? nf.far : capture.far;
  let aabb: Aabb = capture.aabb, space: SceneSpace = WORLD_SPACE;
  let cropBox: Aabb | null = pts ? pointsBox(pts, centre, 0.5 * D) : null;
  if (type === 'object') {
    const box = pts ? pointsBox(pts, centre, D, 1, 0.1) : null;
    if (box) aabb = box;
  } else if (type === 'unbounded') {
    space = { kind: 'contract', center: centre, radius: opt.contractRadius * Math.max(...camDists, 1e-6) };
    if (!nf) near = Math.min(capture.near, 0.05 * D);
    far = 1e9;
  } else {
    const ref = meanCamera(capture);
    const k = capture.views[0].intrinsics;
    const depths = pts ? depthsAlong(pts, ref.origin, ref.rotation) : [];
    const ndcNear = depths.length >= 20 ? 0.8 * percentile(depths, 1) : Math.max(capture.near, 1e-3);
    space = { kind: 'ndc', origin: ref.origin, rotation: ref.rotation, ax: k.fx / (k.width / 2), ay: k.fy / (k.height / 2), near: ndcNear };
    near = 0;
    far = 1e9;
    if (depths.length >= 20 && !cropBox) {
      const mid = percentile(depths, 50), f = ref.rotation;
      const c: Vec3 = [0, 1, 2].map((i) => ref.origin[i] - f[6 + i] * mid) as Vec3;
      cropBox = pointsBox(pts!, c, 0.5 * mid);
    }
  }
  if (!(near >= 0) || !(far > near)) throw new Error(`planScene: bad near/far ${near}/${far} for a ${type} scene`);
  return {
    type, decision, space, centre, cameraDistance: D, cropBox, bounds: nf ? 'sparse-points' : 'cameras',
    capture: { ...capture, aabb, near, far },
  };
}

// renderProceduralCapture: an analytic scene rendered from a camera rig into a Capture with
// exact ground truth (colour, alpha, depth per view), in the Blender/NeRF-synthetic layout
// (files train/r_<i>.png, test/r_<i>.png, OpenGL poses, world +Y up, no normalisation).
import { intrinsicsFromFov } from '../../camera';
import type { Capture, CaptureView, Split } from '../types';
import { hashSeed } from './prng';
import { rigPoses } from './rig';
import type { RigSpec } from './rig';
import type { ProceduralScene, Vec3 } from './scene';
import { DEFAULT_LIGHT, sceneBounds } from './scene';
import { renderAnalyticView } from './trace';

export interface ProceduralCaptureSpec {
  scene: ProceduralScene;
  width: number;
  height: number;
  /** Horizontal field of view, degrees. */
  fovDeg: number;
  views: { train: number; val?: number; test: number };
  rig: RigSpec;
  background: Vec3;
  /** Rays per pixel side for colour/alpha (1 = exact centre samples). */
  supersample: number;
  /** Seeds the rig pattern of each split. */
  seed: number;
}

export const PROCEDURAL_CAPTURE_DEFAULTS: Omit<ProceduralCaptureSpec, 'scene'> = {
  width: 64,
  height: 64,
  fovDeg: 40,
  views: { train: 40, test: 8 },
  rig: { kind: 'sphere', radius: 3, minElevationDeg: 5, maxElevationDeg: 70 },
  background: [1, 1, 1],
  supersample: 3,
  seed: 0,
};

/** A colourful still life: red sphere, blue box, green cone, yellow cylinder. */
export function demoScene(): ProceduralScene {
  return {
    light: DEFAULT_LIGHT,
    shapes: [
      { kind: 'sphere', center: [-0.35, -0.1, 0.3], radius: 0.38, color: [0.9, 0.15, 0.12] },
      { kind: 'box', center: [0.4, -0.2, 0.25], halfSize: [0.28, 0.28, 0.28], rotationY: 0.5, color: [0.12, 0.3, 0.9] },
      { kind: 'cylinder', base: [0.05, -0.48, -0.45], axis: [0, 1, 0], height: 0.95, radiusBase: 0.32, radiusTop: 0, color: [0.15, 0.75, 0.2] },
      { kind: 'cylinder', base: [-0.6, -0.48, -0.35], axis: [0, 1, 0], height: 0.45, radiusBase: 0.2, radiusTop: 0.2, color: [0.95, 0.8, 0.1] },
      { kind: 'cylinder', base: [0, -0.6, 0], axis: [0, 1, 0], height: 0.12, radiusBase: 0.95, radiusTop: 0.95, color: [0.85, 0.85, 0.82] },
    ],
  };
}

export interface ProceduralCaptureResult {
  capture: Capture;
  scene: ProceduralScene;
  spec: ProceduralCaptureSpec;
}

export function renderProceduralCapture(
  spec: Partial<ProceduralCaptureSpec> & { scene: ProceduralScene },
): ProceduralCaptureResult {
  const s: ProceduralCaptureSpec = { ...PROCEDURAL_CAPTURE_DEFAULTS, ...spec };
  const k = intrinsicsFromFov(s.width, s.height, (s.fovDeg * Math.PI) / 180);
  const views: CaptureView[] = [];
  const splits: Array<[Split, number]> = [['train', s.views.train], ['val', s.views.val ?? 0], ['test', s.views.test]];
  splits.forEach(([split, count], si) => {
    const poses = rigPoses(s.rig, count, hashSeed(s.seed, si));
    poses.forEach((c2w, i) => {
      const r = renderAnalyticView(s.scene, k, c2w, s.background, s.supersample);
      views.push({ file: `${split}/r_${i}.png`, split, intrinsics: { ...k }, c2w, image: r.image, alpha: r.alpha, depth: r.depth });
    });
  });
  return { capture: captureFromViews(s.scene, views, s.background), scene: s.scene, spec: s };
}

/** Wrap rendered views into a Capture whose box is the scene bounds (slightly padded). */
export function captureFromViews(scene: ProceduralScene, views: CaptureView[], background: Vec3): Capture {
  const b = sceneBounds(scene);
  const pad = 0.02 * Math.max(...b.max.map((v, i) => v - b.min[i]));
  const aabb = { min: b.min.map((v) => v - pad) as Vec3, max: b.max.map((v) => v + pad) as Vec3 };
  const mid = aabb.min.map((v, i) => (v + aabb.max[i]) / 2);
  const half = Math.hypot(...aabb.max.map((v, i) => v - mid[i]));
  const dists = views.map((v) => Math.hypot(v.c2w[3] - mid[0], v.c2w[7] - mid[1], v.c2w[11] - mid[2]));
  const near = Math.max(0.05, Math.min(...dists) - half);
  const far = Math.max(...dists) + half;
  return {
    format: 'blender', views, background: [...background] as Vec3, aabb, near, far, warnings: [],
    normalization: { method: 'none', center: [0, 0, 0], scale: 1, rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] },
  };
}

// Procedural stand-ins for reconstruction measurements (used by bench/recon.ts,
// scripts/fit-check.ts and the tests): analytic scenes from the data module's procedural
// renderer, with a NeRF-synthetic-like rig (camera_angle_x = 0.6911 rad, radius 4, upper
// hemisphere, RGBA composited on white).
import { demoScene, renderProceduralCapture, DEFAULT_LIGHT, type ProceduralScene, type Shape, type Vec3 } from '../data';
import type { Capture } from '../data/types';

const PALETTE: Vec3[] = [
  [0.86, 0.16, 0.14], [0.95, 0.5, 0.1], [0.95, 0.82, 0.15], [0.2, 0.7, 0.25], [0.1, 0.6, 0.6],
  [0.15, 0.3, 0.85], [0.5, 0.25, 0.75], [0.95, 0.5, 0.7], [0.92, 0.92, 0.9], [0.25, 0.25, 0.28], [0.55, 0.35, 0.2],
];

/**
 * A busy multi-part "toy": a two-tone base plate, a 4x4 array of studs/blocks with
 * alternating colours and split faces, a split-coloured dome, thin poles and a cone. Many
 * colour edges, thin parts and self-shadowing: the hardest we can build from the analytic shapes.
 */
export function busyToyScene(): ProceduralScene {
  const shapes: Shape[] = [];
  const c = (i: number) => PALETTE[i % PALETTE.length];
  shapes.push({ kind: 'box', center: [0, -0.85, 0], halfSize: [1.05, 0.1, 1.05], color: c(9), split: { normal: [1, 0, 1], color: c(10) } });
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const x = -0.75 + 0.5 * i, z = -0.75 + 0.5 * j, k = i * 4 + j;
      if ((i + j) % 3 === 0) {
        shapes.push({ kind: 'cylinder', base: [x, -0.75, z], axis: [0, 1, 0], height: 0.12 + 0.05 * (k % 4), radiusBase: 0.13, radiusTop: 0.13, color: c(k), split: { normal: [0, 0, 1], color: c(k + 3) } });
      } else if ((i + j) % 3 === 1) {
        shapes.push({ kind: 'box', center: [x, -0.65, z], halfSize: [0.16, 0.1 + 0.04 * (k % 3), 0.16], rotationY: 0.3 * k, color: c(k + 1), split: { normal: [1, 0, 0], color: c(k + 5) } });
      }
    }
  }
  shapes.push({ kind: 'sphere', center: [0.1, 0.05, 0.1], radius: 0.42, color: c(0), split: { normal: [0.3, 1, -0.2], color: c(2) } });
  shapes.push({ kind: 'sphere', center: [0.1, 0.55, 0.1], radius: 0.16, color: c(5), split: { normal: [1, 0, 0], color: c(8) } });
  shapes.push({ kind: 'cylinder', base: [-0.7, -0.75, 0.7], axis: [0, 1, 0], height: 1.3, radiusBase: 0.045, radiusTop: 0.045, color: c(6) });
  shapes.push({ kind: 'cylinder', base: [0.7, -0.75, -0.7], axis: [0.2, 1, 0.1], height: 1.1, radiusBase: 0.06, radiusTop: 0.02, color: c(4) });
  shapes.push({ kind: 'cylinder', base: [-0.55, -0.75, -0.5], axis: [0, 1, 0], height: 0.8, radiusBase: 0.25, radiusTop: 0, color: c(3), split: { normal: [0, 0, -1], color: c(1) } });
  shapes.push({ kind: 'box', center: [0.65, -0.35, 0.55], halfSize: [0.22, 0.3, 0.08], rotationY: 0.7, color: c(7), split: { normal: [0, 1, 0], color: c(5) } });
  return { shapes, light: DEFAULT_LIGHT };
}

export interface StandInSpec {
  scene: 'busy-toy' | 'demo';
  size: number;
  train: number;
  test: number;
  supersample: number;
  seed: number;
  /** Replace the tight analytic bounds by NeRF-synthetic's loose [-1.5, 1.5]^3, near 2, far 6. */
  looseBounds: boolean;
}

export const STAND_IN_DEFAULTS: StandInSpec = { scene: 'busy-toy', size: 100, train: 92, test: 16, supersample: 3, seed: 7, looseBounds: true };

export function standInCapture(spec: Partial<StandInSpec> = {}): Capture {
  const s = { ...STAND_IN_DEFAULTS, ...spec };
  const scene = s.scene === 'demo' ? demoScene() : busyToyScene();
  const capture = renderProceduralCapture({
    scene, width: s.size, height: s.size, fovDeg: (0.6911112070083618 * 180) / Math.PI,
    views: { train: s.train, test: s.test }, rig: { kind: 'sphere', radius: 4, minElevationDeg: 3, maxElevationDeg: 85 },
    background: [1, 1, 1], supersample: s.supersample, seed: s.seed,
  }).capture;
  if (s.looseBounds) {
    capture.aabb = { min: [-1.5, -1.5, -1.5], max: [1.5, 1.5, 1.5] };
    capture.near = 2;
    capture.far = 6;
  }
  return capture;
}

// Camera rigs around a target: a band of the sphere covered evenly (Fibonacci spiral) or a
// fixed-elevation orbit. Azimuth 0 puts the camera on +Z (the "front" of procedural objects),
// azimuth grows towards +X. All poses are OpenGL camera-to-world from `lookAt`.
import { lookAt } from '../../camera';
import type { Mat4 } from '../../camera';
import { createRng } from './prng';
import type { Vec3 } from './scene';

export type RigSpec =
  | { kind: 'sphere'; radius: number; minElevationDeg: number; maxElevationDeg: number; target?: Vec3 }
  | { kind: 'orbit'; radius: number; elevationDeg: number; target?: Vec3 };

const DEG = Math.PI / 180;

export function cameraOnSphere(target: Vec3, radius: number, azimuthRad: number, elevationRad: number): Mat4 {
  const eye: Vec3 = [
    target[0] + radius * Math.cos(elevationRad) * Math.sin(azimuthRad),
    target[1] + radius * Math.sin(elevationRad),
    target[2] + radius * Math.cos(elevationRad) * Math.cos(azimuthRad),
  ];
  return lookAt(eye, target, [0, 1, 0]);
}

/** `count` camera poses of the rig; `seed` rotates/offsets the pattern (different seeds interleave). */
export function rigPoses(rig: RigSpec, count: number, seed: number): Mat4[] {
  const rng = createRng(seed);
  const target = rig.target ?? [0, 0, 0];
  const phase = rng.range(0, 2 * Math.PI);
  const poses: Mat4[] = [];
  if (rig.kind === 'orbit') {
    const e = Math.min(89, Math.max(-89, rig.elevationDeg)) * DEG;
    for (let i = 0; i < count; i++) poses.push(cameraOnSphere(target, rig.radius, phase + (2 * Math.PI * i) / count, e));
    return poses;
  }
  const lo = Math.sin(Math.max(-89, rig.minElevationDeg) * DEG);
  const hi = Math.sin(Math.min(89, rig.maxElevationDeg) * DEG);
  const offset = rng.next();
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < count; i++) {
    const s = lo + (hi - lo) * ((i + offset) / count);
    poses.push(cameraOnSphere(target, rig.radius, phase + i * golden, Math.asin(s)));
  }
  return poses;
}

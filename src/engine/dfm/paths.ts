// Camera paths for sampling 3D scenes from one photo (issue 5, Generate: orbit, forward,
// autoregressive 360 degrees). The orbit itself is `orbitPath` (scene.ts); this file adds a
// forward ("walk-in") path and the plan that turns a path kind into the cameras to sample and the
// cameras to render.
//
// Forward path: the camera dollies towards the object and drifts sideways (to its right) while it
// keeps looking at the object's centre, so each pose turns a little further around the object:
// the last pose sees the unseen side at angle atan2(sideways, 1 - dolly) (about 22 degrees with the
// defaults) from the photo, far less than the orbit's opposite view (180 degrees). Poses stay close
// to the photo's distance, so they stay inside the near/far interval the model renders with.
//
// Sampling along a multi-pose path is autoregressive (supplement Sec. 2.1): each generated view
// becomes context for the next (`sampleAlongPath`).
import { cameraCenter, lookAt, type Mat4 } from '../camera';
import type { ViewCamera } from '../fields';
import { orbitPath } from './scene';

const FILE = 'src/engine/dfm/paths.ts';

type Vec3 = [number, number, number];

export interface ForwardPathOptions {
  /** The point every camera looks at (the object's centre). */
  center: Vec3;
  /** Dolly towards `center` at the last pose, as a fraction of the first camera's distance to it. */
  dolly: number;
  /** Sideways move (to the first camera's right) at the last pose, fraction of that distance. */
  sideways: number;
  /** true: pose 0 is the first camera itself; false: the `count` poses all move away from it. */
  includeStart: boolean;
}

export const FORWARD_PATH_DEFAULTS: ForwardPathOptions = { center: [0, 0, 0], dolly: 0.15, sideways: 0.35, includeStart: false };

/** `count` cameras moving forward and sideways from `first`, all looking at options.center. */
export function forwardPath(first: ViewCamera, count: number, options: Partial<ForwardPathOptions> = {}): ViewCamera[] {
  const o = { ...FORWARD_PATH_DEFAULTS, ...options };
  if (!Number.isInteger(count) || count < 1) throw new Error(`${FILE}: forward path count must be an integer >= 1, got ${count}`);
  if (!(o.dolly >= 0 && o.dolly < 0.9)) throw new Error(`${FILE}: options.dolly must be in [0, 0.9), got ${o.dolly}`);
  if (!(Number.isFinite(o.sideways) && Math.abs(o.sideways) <= 2)) throw new Error(`${FILE}: options.sideways must be in [-2, 2], got ${o.sideways}`);
  const c = cameraCenter(first.c2w);
  const toCenter: Vec3 = [o.center[0] - c[0], o.center[1] - c[1], o.center[2] - c[2]];
  const dist = Math.hypot(...toCenter);
  if (!(dist > 1e-6)) throw new Error(`${FILE}: the first camera sits on options.center; no forward direction`);
  const fwd = toCenter.map((v) => v / dist) as Vec3;
  // The camera's right axis as lookAt builds it (up = +Y): right = normalize(up x back), back = -fwd.
  let right: Vec3 = [-fwd[2], 0, fwd[0]];
  const rn = Math.hypot(...right);
  right = rn > 1e-6 ? (right.map((v) => v / rn) as Vec3) : [first.c2w[0], first.c2w[4], first.c2w[8]];
  const out: ViewCamera[] = [];
  for (let i = 0; i < count; i++) {
    const u = o.includeStart ? (count === 1 ? 0 : i / (count - 1)) : (i + 1) / count;
    const a = o.dolly * dist * u; const b = o.sideways * dist * u;
    const eye: Vec3 = [c[0] + a * fwd[0] + b * right[0], c[1] + a * fwd[1] + b * right[1], c[2] + a * fwd[2] + b * right[2]];
    out.push({ intrinsics: first.intrinsics, c2w: lookAt(eye, o.center) as Mat4 });
  }
  return out;
}

export type CameraPathKind = 'orbit' | 'forward' | 'autoregressive';
export const CAMERA_PATH_KINDS: readonly CameraPathKind[] = ['orbit', 'forward', 'autoregressive'];

export interface GenerationPathOptions {
  /** Orbit render poses; 'autoregressive' samples views - 1 of them (see generationPaths). */
  views: number;
  /** Poses sampled along the forward path. */
  forwardViews: number;
  center: Vec3;
}

export const GENERATION_PATH_DEFAULTS: GenerationPathOptions = { views: 8, forwardViews: 3, center: [0, 0, 0] };

export interface GenerationPaths {
  /** Cameras whose views are sampled, in order (each becomes context for the next). */
  sample: ViewCamera[];
  /** `views` orbit cameras starting at the photo's pose, for renders of the finished scene. */
  orbit: ViewCamera[];
}

/**
 * The cameras for one path kind, from the photo's camera:
 *   orbit          one-shot: the orbit pose opposite the photo (index floor(views / 2));
 *   forward        forwardViews poses of `forwardPath`, sampled autoregressively;
 *   autoregressive views - 1 poses splitting the rest of the 360-degree circle, sampled in turn.
 */
export function generationPaths(context: ViewCamera, kind: CameraPathKind, options: Partial<GenerationPathOptions> = {}): GenerationPaths {
  const o = { ...GENERATION_PATH_DEFAULTS, ...options };
  if (!Number.isInteger(o.views) || o.views < 1) throw new Error(`${FILE}: views must be an integer >= 1, got ${o.views}`);
  if (kind === 'autoregressive' && o.views < 2) throw new Error(`${FILE}: views must be >= 2 for the autoregressive path, got ${o.views}`);
  const orbit = orbitPath(context, o.views, { includeStart: true, center: o.center });
  switch (kind) {
    case 'orbit': return { sample: [orbit[Math.floor(o.views / 2)]], orbit };
    case 'forward': return { sample: forwardPath(context, o.forwardViews, { center: o.center }), orbit };
    case 'autoregressive': return { sample: orbitPath(context, o.views - 1, { center: o.center }), orbit };
    default: throw new Error(`${FILE}: path must be one of ${CAMERA_PATH_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
}

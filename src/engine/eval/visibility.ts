// Which pixels of a target view the context views can see (DFM Sec. 5 evaluates sharpness and
// diversity separately where the context is and is not observed).
//
// A target pixel is *seen* when its ground-truth surface point X = o + d * r (o the target camera
// centre, r the unit pixel-centre ray from camera.pixelRay, d the target depth = distance along
// the ray) is visible in at least one context view:
//   1. X is in front of the context camera and projects to (u', v') inside its image;
//   2. X is not occluded there: occluded means every one of the 2x2 context pixels whose centres
//      surround (u', v') sees a surface nearer than X, depth < dist - tol, with dist = |X - c'|
//      and tol = absoluteTolerance + relativeTolerance * dist. A neighbour that sees background,
//      or a surface at or behind X, shows the line of sight to X is open there. Using the 2x2
//      neighbourhood keeps grazing surfaces and silhouettes (where depth changes by much more
//      than the tolerance within a pixel) seen; the price is a one-pixel lenient band along
//      occlusion boundaries.
// Background pixels (no surface: depth <= 0, non-finite, or >= maxDepth) have no point X; their
// label is explicit: `background` option of visibilityMask, or excluded by visibilityRegions.
// Pure geometry on ground truth: not differentiable, no tfjs.
import { cameraCenter, invertRigid, pixelRay, type Intrinsics, type Mat4 } from '../camera';

const FILE = 'src/engine/eval/visibility.ts';

export interface DepthView {
  intrinsics: Intrinsics;
  c2w: Mat4;
  /** [H*W] distance along the pixel-centre ray; background as 0 or Infinity (see maxDepth). */
  depth: Float32Array;
}

export interface VisibilityOptions {
  absoluteTolerance: number;
  relativeTolerance: number;
  /** Depths >= maxDepth also count as background (for renderers that write `far` on a miss). */
  maxDepth: number;
  /** Label of target background pixels in visibilityMask. */
  background: 'seen' | 'unseen';
}

export const VISIBILITY_DEFAULTS: VisibilityOptions = {
  absoluteTolerance: 0.01,
  relativeTolerance: 0.01,
  maxDepth: Infinity,
  background: 'unseen',
};

export function isBackgroundDepth(d: number, maxDepth = Infinity): boolean {
  return !(d > 0) || !Number.isFinite(d) || d >= maxDepth;
}

/** 1 where the view has a surface, 0 on background. */
export function surfaceMask(depth: Float32Array, maxDepth = Infinity): Uint8Array {
  const out = new Uint8Array(depth.length);
  for (let i = 0; i < depth.length; i++) out[i] = isBackgroundDepth(depth[i], maxDepth) ? 0 : 1;
  return out;
}

function checkView(v: DepthView, field: string): void {
  const k = v.intrinsics;
  if (!k || !Number.isInteger(k.width) || !Number.isInteger(k.height) || k.width <= 0 || k.height <= 0) {
    throw new Error(`${FILE}: ${field}.intrinsics has a bad size (${k?.width}x${k?.height})`);
  }
  if (!(v.depth instanceof Float32Array) || v.depth.length !== k.width * k.height) {
    throw new Error(`${FILE}: ${field}.depth must be a Float32Array of ${k.width * k.height} values (got ${v.depth?.length})`);
  }
  if (!v.c2w || v.c2w.length !== 16) throw new Error(`${FILE}: ${field}.c2w must have 16 entries`);
}

interface PreparedContext {
  k: Intrinsics;
  w2c: Mat4;
  centre: [number, number, number];
  depth: Float32Array;
}

/** Is world point p visible in context c (see the header, steps 1-2)? */
function visibleIn(c: PreparedContext, p: readonly number[], o: VisibilityOptions): boolean {
  const m = c.w2c;
  const x = m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3];
  const y = m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7];
  const z = m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11];
  const axial = -z; // OpenGL cameras look down -Z
  if (!(axial > 1e-9)) return false;
  const { width: w, height: h } = c.k;
  const u = c.k.cx + (c.k.fx * x) / axial;
  const v = c.k.cy - (c.k.fy * y) / axial;
  if (!(u >= 0 && u < w && v >= 0 && v < h)) return false;
  const dist = Math.hypot(p[0] - c.centre[0], p[1] - c.centre[1], p[2] - c.centre[2]);
  const tol = o.absoluteTolerance + o.relativeTolerance * dist;
  const i0 = Math.floor(u - 0.5);
  const j0 = Math.floor(v - 0.5);
  for (let j = Math.max(j0, 0); j <= Math.min(j0 + 1, h - 1); j++) {
    for (let i = Math.max(i0, 0); i <= Math.min(i0 + 1, w - 1); i++) {
      const d = c.depth[j * w + i];
      if (isBackgroundDepth(d, o.maxDepth) || d >= dist - tol) return true;
    }
  }
  return false; // every neighbouring line of sight ends on a surface in front of X
}

/** [H*W] of the target: 1 = seen by some context view, 0 = unseen; background per options. */
export function visibilityMask(
  contextViews: readonly DepthView[], target: DepthView, options: Partial<VisibilityOptions> = {},
): Uint8Array {
  const o = { ...VISIBILITY_DEFAULTS, ...options };
  checkView(target, 'target');
  contextViews.forEach((c, i) => checkView(c, `contextViews[${i}]`));
  const contexts: PreparedContext[] = contextViews.map((c) => ({
    k: c.intrinsics, w2c: invertRigid(c.c2w), centre: cameraCenter(c.c2w), depth: c.depth,
  }));
  const { width: w, height: h } = target.intrinsics;
  const origin = cameraCenter(target.c2w);
  const dir = new Float32Array(3);
  const p = [0, 0, 0];
  const out = new Uint8Array(w * h);
  const bg = o.background === 'seen' ? 1 : 0;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const idx = j * w + i;
      const d = target.depth[idx];
      if (isBackgroundDepth(d, o.maxDepth)) { out[idx] = bg; continue; }
      pixelRay(target.intrinsics, target.c2w, i, j, dir, 0);
      for (let a = 0; a < 3; a++) p[a] = origin[a] + d * dir[a];
      out[idx] = contexts.some((c) => visibleIn(c, p, o)) ? 1 : 0;
    }
  }
  return out;
}

export interface VisibilityRegions {
  /** Surface pixels seen by a context view. */
  seen: Uint8Array;
  /** Surface pixels no context view sees. */
  unseen: Uint8Array;
  /** Target pixels without a surface. */
  background: Uint8Array;
}

/**
 * Seen / unseen / background masks of the target. `background` decides where background pixels
 * go: 'exclude' (default: in neither seen nor unseen), 'seen' or 'unseen'.
 */
export function visibilityRegions(
  contextViews: readonly DepthView[], target: DepthView,
  options: Partial<Omit<VisibilityOptions, 'background'>> & { background?: 'exclude' | 'seen' | 'unseen' } = {},
): VisibilityRegions {
  const { background = 'exclude', ...rest } = options;
  const vis = visibilityMask(contextViews, target, { ...rest, background: 'unseen' });
  const surface = surfaceMask(target.depth, rest.maxDepth ?? VISIBILITY_DEFAULTS.maxDepth);
  const n = vis.length;
  const seen = new Uint8Array(n);
  const unseen = new Uint8Array(n);
  const bgMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!surface[i]) {
      bgMask[i] = 1;
      if (background === 'seen') seen[i] = 1;
      else if (background === 'unseen') unseen[i] = 1;
    } else if (vis[i]) seen[i] = 1;
    else unseen[i] = 1;
  }
  return { seen, unseen, background: bgMask };
}

/** Number of nonzero entries. */
export function maskCount(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  return n;
}

// Line geometry for capture camera frustums, shared by the import preview and the viewer, from
// getCaptureCameras (CaptureCameras): c2w is an OpenGL camera-to-world matrix stored
// COLUMN-major (three.js Matrix4 order: translation at indices 12..14); the camera looks down -Z
// with +Y up; pixel (u, v) looks along ((u - cx) / fx, -(v - cy) / fy, -1). Each camera is a
// pyramid (apex at the centre, base = the image rectangle at `depth`) with a small triangle over
// the top edge marking "up".
import type { CaptureCameras } from '../../shared';

export type Vec3 = [number, number, number];
type View = CaptureCameras['views'][number];
type Split = NonNullable<View['split']>;

/** Colours (linear-ish RGB in [0,1]) by split; views without a split count as train. */
export const SPLIT_COLOURS: Record<Split, Vec3> = {
  train: [0.48, 0.65, 1.0],
  val: [0.45, 0.85, 0.55],
  test: [0.98, 0.66, 0.25],
};
export const AABB_COLOUR: Vec3 = [0.75, 0.75, 0.78];

/** Segments per camera: 4 apex edges + 4 base edges + 2 "up" marker edges. */
export const SEGMENTS_PER_CAMERA = 10;

function apply(c2w: readonly number[], p: Vec3): Vec3 {
  return [
    c2w[0] * p[0] + c2w[4] * p[1] + c2w[8] * p[2] + c2w[12],
    c2w[1] * p[0] + c2w[5] * p[1] + c2w[9] * p[2] + c2w[13],
    c2w[2] * p[0] + c2w[6] * p[1] + c2w[10] * p[2] + c2w[14],
  ];
}

export function cameraCentre(view: Pick<View, 'c2w'>): Vec3 {
  return [view.c2w[12], view.c2w[13], view.c2w[14]];
}

function pixelDir(view: View, u: number, v: number, depth: number): Vec3 {
  return [((u - view.cx) / view.fx) * depth, (-(v - view.cy) / view.fy) * depth, -depth];
}

/** Scene centre and radius: the aabb when given, else the cameras' centroid and spread. */
export function sceneFrame(cameras: CaptureCameras): { centre: Vec3; radius: number } {
  if (cameras.aabb) {
    const { min, max } = cameras.aabb;
    const centre: Vec3 = [0, 1, 2].map((i) => (min[i] + max[i]) / 2) as Vec3;
    const radius = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2;
    if (radius > 0 && Number.isFinite(radius)) return { centre, radius };
  }
  const cs = cameras.views.map(cameraCentre);
  if (cs.length === 0) return { centre: [0, 0, 0], radius: 1 };
  const centre: Vec3 = [0, 1, 2].map((i) => cs.reduce((s, c) => s + c[i], 0) / cs.length) as Vec3;
  const radius = Math.max(...cs.map((c) => Math.hypot(c[0] - centre[0], c[1] - centre[1], c[2] - centre[2])), 0.5);
  return { centre, radius };
}

/** Frustum depth: a fraction of the median camera distance to `centre` (0.1 with no cameras). */
export function frustumDepth(views: readonly Pick<View, 'c2w'>[], centre: Vec3, fraction = 0.15): number {
  if (views.length === 0) return 0.1;
  const d = views.map((v) => {
    const c = cameraCentre(v);
    return Math.hypot(c[0] - centre[0], c[1] - centre[1], c[2] - centre[2]);
  }).sort((a, b) => a - b);
  const median = d[Math.floor(d.length / 2)];
  return median > 0 ? median * fraction : 0.1;
}

export interface LineBuffers {
  /** [segments * 2 * 3] */
  positions: Float32Array;
  /** [segments * 2 * 3] */
  colours: Float32Array;
}

/** All frustums, coloured by split. */
export function frustumBuffers(views: readonly View[], depth: number): LineBuffers {
  const n = views.length * SEGMENTS_PER_CAMERA * 6;
  const positions = new Float32Array(n);
  const colours = new Float32Array(n);
  let o = 0;
  for (const view of views) {
    const colour = SPLIT_COLOURS[view.split ?? 'train'];
    const push = (a: Vec3, b: Vec3) => {
      positions.set(a, o);
      positions.set(b, o + 3);
      colours.set(colour, o);
      colours.set(colour, o + 3);
      o += 6;
    };
    const apex = cameraCentre(view);
    const { width: w, height: h } = view;
    const corners = ([[0, 0], [w, 0], [w, h], [0, h]] as const).map(([u, v]) => apply(view.c2w, pixelDir(view, u, v, depth)));
    for (let i = 0; i < 4; i++) {
      push(apex, corners[i]);
      push(corners[i], corners[(i + 1) % 4]);
    }
    const tip = apply(view.c2w, pixelDir(view, w / 2, -h * 0.3, depth));
    push(corners[0], tip);
    push(tip, corners[1]);
  }
  return { positions, colours };
}

/** The 12 edges of an axis-aligned box: [12 * 2 * 3]. */
export function boxEdges(min: Vec3, max: Vec3): Float32Array {
  const c = (i: number): Vec3 => [i & 1 ? max[0] : min[0], i & 2 ? max[1] : min[1], i & 4 ? max[2] : min[2]];
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    for (const bit of [1, 2, 4]) if (!(i & bit)) out.push(...c(i), ...c(i | bit));
  }
  return Float32Array.from(out);
}

/** Number of views per split, for the legend. */
export function splitCounts(views: readonly View[]): Record<Split, number> {
  const counts: Record<Split, number> = { train: 0, val: 0, test: 0 };
  for (const v of views) counts[v.split ?? 'train']++;
  return counts;
}

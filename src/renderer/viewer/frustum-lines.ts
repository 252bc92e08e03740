// Line segments that draw a capture's cameras as small pyramids (apex at the camera centre,
// base = the image rectangle at depth `depth`, plus a triangle on the top edge marking "up").
// Cameras come from getCaptureCameras: c2w is a 4x4 OpenGL camera-to-world matrix (camera looks
// down -Z, +Y up, as in src/engine/camera) stored column-major like three.js Matrix4.fromArray
// (element row r, column c at index 4c + r; translation at 12, 13, 14), as the main process
// sends it; pixel (u, v) looks along ((u - cx) / fx, -(v - cy) / fy, -1) in camera space.
import type { CaptureCameras } from '../../shared';

type Vec3 = [number, number, number];
type View = CaptureCameras['views'][number];

function toWorld(m: readonly number[], p: Vec3): Vec3 {
  return [
    m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12],
    m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13],
    m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14],
  ];
}

/** Camera centre (translation column of c2w). */
export function cameraCentre(view: Pick<View, 'c2w'>): Vec3 {
  return [view.c2w[12], view.c2w[13], view.c2w[14]];
}

/** Camera-space point of pixel (u, v) at distance `depth` along the optical axis. */
function pixelAt(view: View, u: number, v: number, depth: number): Vec3 {
  return [((u - view.cx) / view.fx) * depth, (-(v - view.cy) / view.fy) * depth, -depth];
}

/** Segments per camera: 4 apex edges + 4 base edges + 2 "up" marker edges. */
export const SEGMENTS_PER_CAMERA = 10;

/** [views * SEGMENTS_PER_CAMERA * 2 points * 3] positions for THREE.LineSegments. */
export function frustumSegments(views: readonly View[], depth: number): Float32Array {
  const out = new Float32Array(views.length * SEGMENTS_PER_CAMERA * 6);
  let o = 0;
  const push = (a: Vec3, b: Vec3) => {
    out.set(a, o);
    out.set(b, o + 3);
    o += 6;
  };
  for (const view of views) {
    const apex = cameraCentre(view);
    const w = view.width;
    const h = view.height;
    const corners = ([[0, 0], [w, 0], [w, h], [0, h]] as const).map(([u, v]) => toWorld(view.c2w, pixelAt(view, u, v, depth)));
    for (let i = 0; i < 4; i++) {
      push(apex, corners[i]);
      push(corners[i], corners[(i + 1) % 4]);
    }
    // Up marker: a triangle above the top edge (v = 0 is the top row of the image).
    const tip = toWorld(view.c2w, pixelAt(view, w / 2, -h * 0.25, depth));
    push(corners[0], tip);
    push(tip, corners[1]);
  }
  return out;
}

/**
 * A frustum depth that reads well next to the scene: a fraction of the median distance from
 * the cameras to `centre` (falls back to 0.1 with no cameras).
 */
export function frustumDepth(views: readonly Pick<View, 'c2w'>[], centre: Vec3, fraction = 0.12): number {
  if (views.length === 0) return 0.1;
  const d = views
    .map((v) => {
      const c = cameraCentre(v);
      return Math.hypot(c[0] - centre[0], c[1] - centre[1], c[2] - centre[2]);
    })
    .sort((a, b) => a - b);
  const median = d[Math.floor(d.length / 2)];
  return median > 0 ? median * fraction : 0.1;
}

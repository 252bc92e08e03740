// The camera as the splat rasterizer sees it: world -> camera rotation and translation in
// OpenCV axes (x right, y down, z forward), pinhole intrinsics, tile grid and the frustum
// limits used to clamp the EWA Jacobian (3DGS reference: 1.3 x the half field of view).
import type { Intrinsics, Mat4 } from '../camera';

export const TILE = 16;

export interface SplatCamera {
  width: number; height: number;
  fx: number; fy: number; cx: number; cy: number;
  /** World -> camera rotation, row-major 3x3 (OpenCV axes). */
  rot: number[];
  /** World -> camera translation. */
  trans: number[];
  /** Camera centre in world. */
  campos: [number, number, number];
  /** Gaussians with camera depth <= near are culled. */
  near: number;
  /** tan(half fov) x 1.3: where the Jacobian's x/z and y/z are clamped. */
  limX: number; limY: number;
  tilesX: number; tilesY: number;
}

/** `c2w` is camera-to-world, row-major, OpenGL axes (the engine's convention, see camera.ts). */
export function splatCamera(k: Intrinsics, c2w: Mat4, near = 0.2): SplatCamera {
  if (!(k.width >= 1 && k.height >= 1 && k.fx > 0 && k.fy > 0)) {
    throw new Error(`splatCamera: intrinsics have bad values ${JSON.stringify(k)}`);
  }
  // Rows of the GL world->camera rotation are the columns of c2w; OpenCV flips y and z.
  const rot = [c2w[0], c2w[4], c2w[8], -c2w[1], -c2w[5], -c2w[9], -c2w[2], -c2w[6], -c2w[10]];
  const o: [number, number, number] = [c2w[3], c2w[7], c2w[11]];
  const trans = [0, 1, 2].map((r) => -(rot[3 * r] * o[0] + rot[3 * r + 1] * o[1] + rot[3 * r + 2] * o[2]));
  return {
    width: k.width, height: k.height, fx: k.fx, fy: k.fy, cx: k.cx, cy: k.cy, rot, trans, campos: o, near,
    limX: 1.3 * (k.width / (2 * k.fx)), limY: 1.3 * (k.height / (2 * k.fy)),
    tilesX: Math.ceil(k.width / TILE), tilesY: Math.ceil(k.height / TILE),
  };
}

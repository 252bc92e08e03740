// Cameras and rays.
//
// Conventions (decided once, here):
// - Poses are camera-to-world 4x4 matrices, row-major, in the OpenGL/Blender convention:
//   camera looks down -Z, +Y is up, +X right. This is what NeRF/Blender/nerfstudio store.
// - OpenCV/COLMAP poses (camera looks down +Z, +Y down) are converted on import with
//   `opencvToOpenglC2W` (right-multiply by diag(1,-1,-1,1)).
// - Pixel (u, v) has its centre at (u + 0.5, v + 0.5); v grows downwards; image row-major.
// - World is +Y up, metres, after scene normalisation (see data/normalize.ts).

/** Pinhole intrinsics in pixels. */
export interface Intrinsics {
  width: number;
  height: number;
  fx: number;
  fy: number;
  cx: number;
  cy: number;
}

/** Row-major 4x4 matrix: m[4 * row + col]. */
export type Mat4 = Float64Array;

export function intrinsicsFromFov(width: number, height: number, fovXRadians: number): Intrinsics {
  const fx = (0.5 * width) / Math.tan(0.5 * fovXRadians);
  return { width, height, fx, fy: fx, cx: width / 2, cy: height / 2 };
}

export function intrinsicsFromFocal(
  width: number, height: number, fx: number, fy = fx, cx = width / 2, cy = height / 2,
): Intrinsics {
  return { width, height, fx, fy, cx, cy };
}

/** Rescale intrinsics for an image resized to (width, height). */
export function scaleIntrinsics(k: Intrinsics, width: number, height: number): Intrinsics {
  const sx = width / k.width;
  const sy = height / k.height;
  return { width, height, fx: k.fx * sx, fy: k.fy * sy, cx: k.cx * sx, cy: k.cy * sy };
}

export function mat4(values: ArrayLike<number>): Mat4 {
  if (values.length !== 16) throw new Error(`expected 16 matrix entries, got ${values.length}`);
  return Float64Array.from(values);
}

export function identity4(): Mat4 {
  return mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
}

export function multiply4(a: Mat4, b: Mat4): Mat4 {
  const out = new Float64Array(16);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[4 * r + k] * b[4 * k + c];
      out[4 * r + c] = s;
    }
  }
  return out;
}

/** Flip camera Y and Z axes: OpenCV c2w <-> OpenGL c2w (the map is its own inverse). */
export function opencvToOpenglC2W(c2w: Mat4): Mat4 {
  return multiply4(c2w, mat4([1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1]));
}
export const openglToOpencvC2W = opencvToOpenglC2W;

/** Inverse of a rigid transform [R t; 0 1] = [R^T -R^T t; 0 1]. */
export function invertRigid(m: Mat4): Mat4 {
  const out = identity4();
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[4 * r + c] = m[4 * c + r];
  }
  for (let r = 0; r < 3; r++) {
    out[4 * r + 3] = -(out[4 * r] * m[3] + out[4 * r + 1] * m[7] + out[4 * r + 2] * m[11]);
  }
  return out;
}

export function cameraCenter(c2w: Mat4): [number, number, number] {
  return [c2w[3], c2w[7], c2w[11]];
}

/**
 * Project a world point to pixel coordinates (u, v) and camera depth (distance along the
 * viewing axis, positive in front). OpenGL c2w.
 */
export function projectPoint(
  k: Intrinsics, c2w: Mat4, p: readonly [number, number, number],
): { u: number; v: number; depth: number } {
  const w2c = invertRigid(c2w);
  const x = w2c[0] * p[0] + w2c[1] * p[1] + w2c[2] * p[2] + w2c[3];
  const y = w2c[4] * p[0] + w2c[5] * p[1] + w2c[6] * p[2] + w2c[7];
  const z = w2c[8] * p[0] + w2c[9] * p[1] + w2c[10] * p[2] + w2c[11];
  const depth = -z;
  return { u: k.cx + (k.fx * x) / depth, v: k.cy - (k.fy * y) / depth, depth };
}

/** Rays as flat arrays: origins and unit directions, [N, 3] each. */
export interface Rays {
  origins: Float32Array;
  directions: Float32Array;
  count: number;
}

/** World-space ray through the centre of pixel (u, v) (integer indices), unit direction. */
export function pixelRay(
  k: Intrinsics, c2w: Mat4, u: number, v: number, out: Float32Array, offset: number,
): void {
  const dx = (u + 0.5 - k.cx) / k.fx;
  const dy = -(v + 0.5 - k.cy) / k.fy;
  const dz = -1;
  const wx = c2w[0] * dx + c2w[1] * dy + c2w[2] * dz;
  const wy = c2w[4] * dx + c2w[5] * dy + c2w[6] * dz;
  const wz = c2w[8] * dx + c2w[9] * dy + c2w[10] * dz;
  const n = Math.hypot(wx, wy, wz);
  out[offset] = wx / n;
  out[offset + 1] = wy / n;
  out[offset + 2] = wz / n;
}

/** Rays for a rectangular patch [x0, x0+w) x [y0, y0+h), row-major; the full image by default. */
export function generateRays(
  k: Intrinsics, c2w: Mat4, patch = { x0: 0, y0: 0, width: k.width, height: k.height },
): Rays {
  const count = patch.width * patch.height;
  const origins = new Float32Array(count * 3);
  const directions = new Float32Array(count * 3);
  const [ox, oy, oz] = cameraCenter(c2w);
  let i = 0;
  for (let y = patch.y0; y < patch.y0 + patch.height; y++) {
    for (let x = patch.x0; x < patch.x0 + patch.width; x++, i++) {
      origins[3 * i] = ox;
      origins[3 * i + 1] = oy;
      origins[3 * i + 2] = oz;
      pixelRay(k, c2w, x, y, directions, 3 * i);
    }
  }
  return { origins, directions, count };
}

/** Checks that the upper-left 3x3 is a rotation (orthonormal, det +1) and all entries finite. */
export function rigidityError(m: ArrayLike<number>): string | null {
  for (let i = 0; i < 16; i++) {
    if (!Number.isFinite(m[i])) return `entry ${i} is not finite (${m[i]})`;
  }
  if (Math.abs(m[12]) > 1e-6 || Math.abs(m[13]) > 1e-6 || Math.abs(m[14]) > 1e-6 || Math.abs(m[15] - 1) > 1e-6) {
    return 'last row is not [0, 0, 0, 1]';
  }
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      let dot = 0;
      for (let r = 0; r < 3; r++) dot += m[4 * r + a] * m[4 * r + b];
      const expected = a === b ? 1 : 0;
      if (Math.abs(dot - expected) > 1e-3) return 'rotation part is not orthonormal';
    }
  }
  const det =
    m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
  if (det < 0) return 'rotation part is a reflection (determinant < 0)';
  return null;
}

/** Camera-to-world pose looking from `eye` at `target` with world up `up` (OpenGL). */
export function lookAt(
  eye: readonly [number, number, number],
  target: readonly [number, number, number],
  up: readonly [number, number, number] = [0, 1, 0],
): Mat4 {
  const norm = (v: number[]) => { const n = Math.hypot(v[0], v[1], v[2]); return v.map((x) => x / n); };
  const cross = (a: number[], b: number[]) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  const back = norm([eye[0] - target[0], eye[1] - target[1], eye[2] - target[2]]); // +Z camera axis
  const right = norm(cross([...up], back));
  const trueUp = cross(back, right);
  return mat4([
    right[0], trueUp[0], back[0], eye[0],
    right[1], trueUp[1], back[1], eye[1],
    right[2], trueUp[2], back[2], eye[2],
    0, 0, 0, 1,
  ]);
}

// Pure serialisers for the capture formats we read: build the metadata files of a capture
// from OpenGL camera-to-world poses and intrinsics. Used by the Blender capture writer and by
// tests that write the same cameras in every format.
import { invertRigid, openglToOpencvC2W } from '../camera';
import type { Intrinsics, Mat4 } from '../camera';
import { writeNpyFloat64 } from './formats/npy';

export interface FrameRecord {
  /** Image path as it should appear in the file. */
  path: string;
  c2w: Mat4;
  intrinsics: Intrinsics;
  /** Our Blender extension: ground-truth ray-distance depth, float32 little-endian. */
  depthPath?: string;
}

type Vec3 = [number, number, number];
const rows = (m: Mat4) => [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => m[4 * r + c]));

/** transforms_<split>.json content (NeRF-synthetic layout plus our optional extensions). */
export function blenderTransforms(
  frames: FrameRecord[], extras: { aabb?: { min: Vec3; max: Vec3 }; near?: number; far?: number } = {},
): Record<string, unknown> {
  const k = frames[0]?.intrinsics;
  const out: Record<string, unknown> = {};
  if (k) {
    out.camera_angle_x = 2 * Math.atan(k.width / (2 * k.fx));
    Object.assign(out, { fl_x: k.fx, fl_y: k.fy, cx: k.cx, cy: k.cy, w: k.width, h: k.height });
  }
  if (extras.aabb) {
    out.scene_bounds = { aabb: [extras.aabb.min, extras.aabb.max], near: extras.near, far: extras.far };
  }
  out.frames = frames.map((f) => {
    const frame: Record<string, unknown> = { file_path: f.path, rotation: 0, transform_matrix: rows(f.c2w) };
    if (f.depthPath) {
      frame.depth = { file: f.depthPath, width: f.intrinsics.width, height: f.intrinsics.height, encoding: 'float32le', kind: 'ray-distance' };
    }
    return frame;
  });
  return out;
}

/** nerfstudio transforms.json with per-frame intrinsics (OPENCV model unless told otherwise). */
export function nerfstudioTransforms(
  frames: FrameRecord[],
  options: { cameraModel?: string; distortion?: Partial<Record<'k1' | 'k2' | 'k3' | 'k4' | 'p1' | 'p2', number>>; appliedTransform?: number[][] } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { camera_model: options.cameraModel ?? 'OPENCV' };
  if (options.appliedTransform) out.applied_transform = options.appliedTransform;
  out.frames = frames.map((f) => ({
    file_path: f.path,
    fl_x: f.intrinsics.fx, fl_y: f.intrinsics.fy, cx: f.intrinsics.cx, cy: f.intrinsics.cy,
    w: f.intrinsics.width, h: f.intrinsics.height,
    ...options.distortion,
    transform_matrix: rows(f.c2w),
  }));
  return out;
}

/** Instant-NGP transforms.json (shared camera, field of view + focal, aabb_scale/scale/offset). */
export function instantNgpTransforms(
  frames: FrameRecord[], options: { aabbScale?: number; scale?: number; offset?: Vec3 } = {},
): Record<string, unknown> {
  const k = frames[0].intrinsics;
  return {
    camera_angle_x: 2 * Math.atan(k.width / (2 * k.fx)),
    camera_angle_y: 2 * Math.atan(k.height / (2 * k.fy)),
    fl_x: k.fx, fl_y: k.fy, cx: k.cx, cy: k.cy, w: k.width, h: k.height,
    aabb_scale: options.aabbScale ?? 1,
    scale: options.scale ?? 0.33,
    offset: options.offset ?? [0.5, 0.5, 0.5],
    frames: frames.map((f) => ({ file_path: f.path, sharpness: 100, transform_matrix: rows(f.c2w) })),
  };
}

/** Unit quaternion (w, x, y, z) of a row-major 3x3 rotation. */
export function rotationToQuaternion(m: ArrayLike<number>): [number, number, number, number] {
  const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = Array.from(m);
  const tr = m00 + m11 + m22;
  let q: [number, number, number, number];
  if (tr > 0) {
    const s = 2 * Math.sqrt(tr + 1);
    q = [0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [(m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s];
  }
  const n = Math.hypot(...q);
  const sign = q[0] < 0 ? -1 : 1;
  return q.map((v) => (sign * v) / n) as [number, number, number, number];
}

/** COLMAP text model; `path` of each frame is the NAME (relative to images/). */
export function colmapModel(
  frames: FrameRecord[], options: { model?: 'PINHOLE' | 'SIMPLE_PINHOLE' | 'SIMPLE_RADIAL' | 'RADIAL' | 'OPENCV' } = {},
): { camerasTxt: string; imagesTxt: string } {
  const model = options.model ?? 'PINHOLE';
  const cam = ['# Camera list with one line of data per camera:', '#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]'];
  const img = ['# Image list with two lines of data per image:', '#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME', '#   POINTS2D[] as (X, Y, POINT3D_ID)'];
  frames.forEach((f, i) => {
    const k = f.intrinsics;
    const params = model === 'SIMPLE_PINHOLE' ? [k.fx, k.cx, k.cy]
      : model === 'SIMPLE_RADIAL' ? [k.fx, k.cx, k.cy, 0.01]
        : model === 'RADIAL' ? [k.fx, k.cx, k.cy, 0.01, -0.002]
          : model === 'OPENCV' ? [k.fx, k.fy, k.cx, k.cy, 0.01, 0, 0, 0] : [k.fx, k.fy, k.cx, k.cy];
    cam.push(`${i + 1} ${model} ${k.width} ${k.height} ${params.join(' ')}`);
    const w2c = invertRigid(openglToOpencvC2W(f.c2w));
    const q = rotationToQuaternion([w2c[0], w2c[1], w2c[2], w2c[4], w2c[5], w2c[6], w2c[8], w2c[9], w2c[10]]);
    img.push(`${i + 1} ${q.join(' ')} ${w2c[3]} ${w2c[7]} ${w2c[11]} ${i + 1} ${f.path}`, '');
  });
  return { camerasTxt: `${cam.join('\n')}\n`, imagesTxt: `${img.join('\n')}\n` };
}

/** LLFF poses_bounds.npy: [down, right, backwards] columns, hwf, near/far per view. */
export function llffPosesBounds(frames: FrameRecord[], bounds: Array<[number, number]>): Uint8Array {
  const data: number[] = [];
  frames.forEach((f, i) => {
    const m = f.c2w;
    for (let r = 0; r < 3; r++) {
      const right = m[4 * r], up = m[4 * r + 1], back = m[4 * r + 2];
      const hwf = [f.intrinsics.height, f.intrinsics.width, f.intrinsics.fx][r];
      data.push(-up, right, back, m[4 * r + 3], hwf);
    }
    data.push(bounds[i][0], bounds[i][1]);
  });
  return writeNpyFloat64([frames.length, 17], data);
}

export function float32LeBytes(a: Float32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(4 * i, a[i], true);
  return out;
}

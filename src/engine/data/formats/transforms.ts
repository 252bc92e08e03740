// nerfstudio and Instant-NGP `transforms.json` (one file, OpenGL camera-to-world frames).
//
// nerfstudio: intrinsics fl_x, fl_y, cx, cy, w, h globally or per frame; `camera_model`
// (OPENCV with k1..k4/p1/p2 distortion -> read as pinhole with a warning; PINHOLE,
// SIMPLE_PINHOLE); optional `applied_transform` (3x4, the transform nerfstudio already
// applied to the poses; kept in the capture's normalisation record); optional
// train/val/test_filenames lists; optional `ply_file_path` (sparse points in the frames' world,
// binary little-endian PLY with x y z and uchar red green blue), exposed as sparse points.
// Instant-NGP: camera_angle_x (and optional fl_x etc.), `aabb_scale`, `scale` (default
// 0.33) and `offset` (default [0.5, 0.5, 0.5]): NGP maps p -> p * scale + offset and models
// the cube [0.5 - aabb_scale/2, 0.5 + aabb_scale/2]^3, which we turn into scene bounds.
import { CaptureError, show } from '../errors';
import type { CaptureFiles } from '../files';
import { safeRelativePath } from '../files';
import { asArray, asObject, asPoseMatrix, asVector, optNumber, optString, parseJsonFile } from '../json';
import type { JsonObject } from '../json';
import type { Split } from '../types';
import { transformsIntrinsics } from './blender';
import type { RawCapture, RawFrame } from './raw';
import { imageCandidates } from './raw';
import { readPly } from '../../export/ply';

export const TRANSFORMS_FILE = 'transforms.json';
const CAMERA_MODELS = ['OPENCV', 'PINHOLE', 'SIMPLE_PINHOLE', 'PERSPECTIVE'];
const DISTORTION_KEYS = ['k1', 'k2', 'k3', 'k4', 'p1', 'p2'];

/** nerfstudio unless the file looks like Instant-NGP's (NGP keys and no camera_model). */
export function transformsFlavour(top: JsonObject): 'nerfstudio' | 'instant-ngp' {
  if (top.camera_model !== undefined) return 'nerfstudio';
  const ngpKeys = ['aabb_scale', 'scale', 'offset', 'camera_angle_x'];
  return ngpKeys.some((k) => top[k] !== undefined) ? 'instant-ngp' : 'nerfstudio';
}

function checkCameraModel(obj: JsonObject, file: string, field: string, warnings: Set<string>): void {
  const model = optString(obj, 'camera_model', file, field);
  if (model !== undefined && !CAMERA_MODELS.includes(model)) {
    throw new CaptureError(
      `unsupported camera model ${show(model)} (supported: ${CAMERA_MODELS.join(', ')})`, file, field ? `${field}.camera_model` : 'camera_model',
    );
  }
  const bad = DISTORTION_KEYS.filter((k) => (optNumber(obj, k, file, field) ?? 0) !== 0);
  if (bad.length) {
    warnings.add(`${file}: distortion coefficients ${bad.map((k) => `${k}=${obj[k]}`).join(', ')} ignored; images are treated as undistorted pinhole`);
  }
}

function splitLists(top: JsonObject, file: string): Map<string, Split> | null {
  const out = new Map<string, Split>();
  let any = false;
  for (const split of ['train', 'val', 'test'] as Split[]) {
    const key = `${split}_filenames`;
    if (top[key] === undefined) continue;
    any = true;
    asArray(top[key], file, key).forEach((p, i) => {
      out.set(safeRelativePath(String(p), file, `${key}[${i}]`), split);
    });
  }
  return any ? out : null;
}

export async function readTransforms(files: CaptureFiles): Promise<RawCapture> {
  const file = TRANSFORMS_FILE;
  const top = asObject(parseJsonFile(await files.readText(file), file), file, '(top level)');
  const format = transformsFlavour(top);
  const warningSet = new Set<string>();
  checkCameraModel(top, file, '', warningSet);
  const list = asArray(top.frames, file, 'frames');
  if (list.length === 0) throw new CaptureError('the capture has no frames (empty capture)', file, 'frames');
  const splits = splitLists(top, file);
  const globalIntrinsics = ['fl_x', 'camera_angle_x'].some((k) => top[k] !== undefined)
    ? transformsIntrinsics(top, null, file, '')
    : null;
  let ignoredDepth = false;
  const frames: RawFrame[] = list.map((f, i) => {
    const field = `frames[${i}]`;
    const frame = asObject(f, file, field);
    checkCameraModel(frame, file, field, warningSet);
    const path = optString(frame, 'file_path', file, field);
    if (path === undefined) throw new CaptureError('missing image path', file, `${field}.file_path`);
    const rel = safeRelativePath(path, file, `${field}.file_path`);
    const c2w = asPoseMatrix(frame.transform_matrix, file, `${field}.transform_matrix`);
    const own = ['fl_x', 'fl_y', 'camera_angle_x', 'w', 'h', 'cx', 'cy'].some((k) => frame[k] !== undefined);
    let intrinsicsFor = globalIntrinsics;
    if (own || !intrinsicsFor) {
      if (!own && !intrinsicsFor) throw new CaptureError('no focal length: give fl_x (pixels) or camera_angle_x (radians)', file, `${field}.fl_x`);
      intrinsicsFor = transformsIntrinsics(frame, top, file, field);
    }
    if (frame.depth_file_path !== undefined) ignoredDepth = true;
    const split = splits?.get(rel) ?? 'train';
    return { candidates: imageCandidates(rel), split, c2w, intrinsicsFor, source: { file, field: `${field}.file_path` } };
  });
  if (ignoredDepth) warningSet.add(`${file}: depth_file_path entries are ignored`);

  const raw: RawCapture = { format, frames, warnings: [...warningSet], bounds: {}, splitsGiven: splits !== null };
  if (top.applied_transform !== undefined) {
    const rows = asArray(top.applied_transform, file, 'applied_transform');
    if (rows.length !== 3 && rows.length !== 4) throw new CaptureError(`expected 3 or 4 rows, got ${show(top.applied_transform)}`, file, 'applied_transform');
    raw.appliedTransform = rows.flatMap((r, i) => asVector(r, 4, file, `applied_transform[${i}]`));
  }
  if (top.ply_file_path !== undefined) {
    const points = await readSparsePly(files, optString(top, 'ply_file_path', file, '') ?? '', file, warningSet);
    if (points) raw.sparsePoints = points;
    raw.warnings = [...warningSet];
  }
  if (format === 'instant-ngp' && ['aabb_scale', 'scale', 'offset'].some((k) => top[k] !== undefined)) {
    const aabbScale = optNumber(top, 'aabb_scale', file, '', { positive: true }) ?? 1;
    const scale = optNumber(top, 'scale', file, '', { positive: true }) ?? 0.33;
    const offset = top.offset !== undefined ? asVector(top.offset, 3, file, 'offset') : [0.5, 0.5, 0.5];
    const half = (0.5 * aabbScale) / scale;
    const centre = offset.map((o) => (0.5 - o) / scale);
    raw.bounds = {
      aabb: {
        min: centre.map((c) => c - half) as [number, number, number],
        max: centre.map((c) => c + half) as [number, number, number],
      },
    };
  }
  return raw;
}

/** The sparse points named by `ply_file_path`; a missing or unreadable PLY is a warning, not an error. */
async function readSparsePly(
  files: CaptureFiles, rel: string, file: string, warnings: Set<string>,
): Promise<RawCapture['sparsePoints'] | null> {
  const path = safeRelativePath(rel, file, 'ply_file_path');
  try {
    const ply = readPly(await files.readBytes(path));
    const n = ply.positions.length / 3;
    const rgb = new Uint8Array(3 * n);
    if (ply.colors) for (let i = 0; i < rgb.length; i++) rgb[i] = Math.round(ply.colors[i] * 255);
    else rgb.fill(128);
    return { xyz: ply.positions, rgb };
  } catch (e) {
    warnings.add(`${file} [ply_file_path]: sparse points ${show(path)} not read (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}

// Blender / NeRF-synthetic captures: transforms_{train,val,test}.json with `camera_angle_x`
// (horizontal field of view, radians) and frames { file_path (extension optional),
// transform_matrix (OpenGL camera-to-world) }. Images are usually RGBA.
//
// Extensions we read and write (all optional): global fl_x, fl_y, cx, cy, w, h (pinhole
// intrinsics in pixels for a w x h image), camera_angle_y, `scene_bounds`
// { aabb: [[minx,miny,minz],[maxx,maxy,maxz]], near, far } in file units, and per frame
// `depth` { file, width, height, encoding: 'float32le', kind: 'ray-distance' } (ground-truth
// distance along each pixel's ray, 0 where the ray hits nothing).
import { intrinsicsFromFocal } from '../../camera';
import type { Intrinsics } from '../../camera';
import { CaptureError } from '../errors';
import type { CaptureFiles } from '../files';
import { safeRelativePath } from '../files';
import { asArray, asNumber, asObject, asPoseMatrix, asVector, optNumber, optString, parseJsonFile } from '../json';
import type { JsonObject } from '../json';
import type { Split } from '../types';
import type { RawCapture, RawFrame } from './raw';
import { checkIntrinsics, fitDeclaredIntrinsics, imageCandidates } from './raw';

export const BLENDER_SPLITS: Split[] = ['train', 'val', 'test'];

export function blenderFileName(split: Split): string {
  return `transforms_${split}.json`;
}

/** Intrinsics from a transforms header (or frame) object: focal lengths or fields of view. */
export function transformsIntrinsics(
  obj: JsonObject, fallback: JsonObject | null, file: string, prefix: string,
): (width: number, height: number) => Intrinsics {
  const pick = (key: string, rule = {}) => {
    const own = optNumber(obj, key, file, prefix, rule);
    return own !== undefined || !fallback ? own : optNumber(fallback, key, file, '', rule);
  };
  const flX = pick('fl_x', { positive: true });
  const flY = pick('fl_y', { positive: true });
  const angleX = pick('camera_angle_x', { positive: true, max: Math.PI - 1e-6 });
  const angleY = pick('camera_angle_y', { positive: true, max: Math.PI - 1e-6 });
  const cx = pick('cx');
  const cy = pick('cy');
  const w = pick('w', { positive: true, integer: true });
  const h = pick('h', { positive: true, integer: true });
  const where = prefix ? `${prefix}.fl_x` : 'fl_x';
  if (flX === undefined && angleX === undefined) {
    throw new CaptureError('no focal length: give fl_x (pixels) or camera_angle_x (radians)', file, where);
  }
  return (width, height) => {
    const W = w ?? width;
    const H = h ?? height;
    const fx = flX ?? (0.5 * W) / Math.tan(0.5 * angleX!);
    const fy = flY ?? (angleY !== undefined ? (0.5 * H) / Math.tan(0.5 * angleY) : fx);
    const k = checkIntrinsics(intrinsicsFromFocal(W, H, fx, fy, cx ?? W / 2, cy ?? H / 2), file, where);
    return fitDeclaredIntrinsics(k, width, height, file, prefix ? `${prefix}.w/h` : 'w/h');
  };
}

export function parseSceneBounds(top: JsonObject, file: string): RawCapture['bounds'] {
  const sb = top.scene_bounds;
  if (sb === undefined || sb === null) return {};
  const o = asObject(sb, file, 'scene_bounds');
  const box = asArray(o.aabb, file, 'scene_bounds.aabb');
  if (box.length !== 2) throw new CaptureError('expected [[min x,y,z], [max x,y,z]]', file, 'scene_bounds.aabb');
  const min = asVector(box[0], 3, file, 'scene_bounds.aabb[0]') as [number, number, number];
  const max = asVector(box[1], 3, file, 'scene_bounds.aabb[1]') as [number, number, number];
  if (min.some((v, i) => !(v < max[i]))) throw new CaptureError(`min must be below max: ${JSON.stringify(box)}`, file, 'scene_bounds.aabb');
  const near = optNumber(o, 'near', file, 'scene_bounds', { positive: true });
  const far = optNumber(o, 'far', file, 'scene_bounds', { positive: true });
  if (near !== undefined && far !== undefined && !(far > near)) throw new CaptureError(`far (${far}) must exceed near (${near})`, file, 'scene_bounds.far');
  return { aabb: { min, max }, near, far };
}

export function parseDepthDescriptor(v: unknown, file: string, field: string): RawFrame['depth'] {
  const o = asObject(v, file, field);
  const enc = optString(o, 'encoding', file, field);
  if (enc !== 'float32le') throw new CaptureError(`unsupported depth encoding ${JSON.stringify(enc)} (expected "float32le")`, file, `${field}.encoding`);
  const path = safeRelativePath(optString(o, 'file', file, field) ?? '', file, `${field}.file`);
  const width = asNumber(o.width, file, `${field}.width`, { positive: true, integer: true });
  const height = asNumber(o.height, file, `${field}.height`, { positive: true, integer: true });
  return { path, width, height, field };
}

export async function readBlender(files: CaptureFiles): Promise<RawCapture> {
  const frames: RawFrame[] = [];
  const warnings: string[] = [];
  let bounds: RawCapture['bounds'] = {};
  let firstFile = '';
  for (const split of BLENDER_SPLITS) {
    const file = blenderFileName(split);
    if (!(await files.exists(file))) continue;
    firstFile ||= file;
    const top = asObject(parseJsonFile(await files.readText(file), file), file, '(top level)');
    const intrinsicsFor = transformsIntrinsics(top, null, file, '');
    if (!bounds.aabb) bounds = parseSceneBounds(top, file);
    const list = asArray(top.frames, file, 'frames');
    list.forEach((f, i) => {
      const field = `frames[${i}]`;
      const frame = asObject(f, file, field);
      const path = optString(frame, 'file_path', file, field);
      if (path === undefined) throw new CaptureError('missing image path', file, `${field}.file_path`);
      const rel = safeRelativePath(path, file, `${field}.file_path`);
      const c2w = asPoseMatrix(frame.transform_matrix, file, `${field}.transform_matrix`);
      const depth = frame.depth !== undefined ? parseDepthDescriptor(frame.depth, file, `${field}.depth`) : undefined;
      frames.push({ candidates: imageCandidates(rel), split, c2w, intrinsicsFor, source: { file, field: `${field}.file_path` }, depth });
    });
  }
  if (!firstFile) throw new CaptureError('no transforms_train.json, transforms_val.json or transforms_test.json', '.', 'format');
  if (frames.length === 0) throw new CaptureError('the capture has no frames (empty capture)', firstFile, 'frames');
  // Captures we write carry scene_bounds and are already in the engine's normalised world.
  return { format: 'blender', frames, warnings, bounds, splitsGiven: true, normalized: !!bounds.aabb };
}

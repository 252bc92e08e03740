// getCaptureCameras: the posed cameras of an imported capture for the frustum preview. The
// capture is read with openCaptureFolder at a tiny image size (poses and normalisation do not
// depend on it), then each view's intrinsics are scaled back to the size of its image file
// (read from the header only). Results are cached per capture id and manifest update time.
import { join } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../shared';
import type { CaptureCameras } from '../../shared';
import type { Capture } from '../../engine/data';
import { resolveInside } from '../workspace';
import type { Workspace } from '../workspace';

const CAMERAS_MAX_SIDE = 32;
const CACHE_SIZE = 32;

/** Row-major 4x4 (engine) -> column-major 16 numbers (three.js Matrix4.fromArray). */
export function toColumnMajor(m: ArrayLike<number>): number[] {
  const out = new Array<number>(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) out[c * 4 + r] = m[r * 4 + c];
  return out;
}

/** Cameras of a capture read from `dir`, intrinsics at the stored image size. */
export async function camerasOfCapture(capture: Capture, dir: string): Promise<CaptureCameras> {
  const views = await Promise.all(capture.views.map(async (v) => {
    const k = v.intrinsics;
    let width = k.width;
    let height = k.height;
    try {
      const meta = await sharp(join(dir, ...v.file.split('/'))).metadata();
      if (meta.width && meta.height) ({ width, height } = meta);
    } catch {
      // keep the loaded size
    }
    const sx = width / k.width;
    const sy = height / k.height;
    return {
      file: v.file, split: v.split, c2w: toColumnMajor(v.c2w), width, height,
      fx: k.fx * sx, fy: k.fy * sy, cx: k.cx * sx, cy: k.cy * sy,
    };
  }));
  return { format: capture.format, views, aabb: { min: [...capture.aabb.min], max: [...capture.aabb.max] } };
}

export function createCameraCache(ws: Workspace) {
  const cache = new Map<string, CaptureCameras>();
  return async function getCaptureCameras(id: string): Promise<CaptureCameras> {
    const manifest = await ws.requireManifest('capture', id);
    if (manifest.kind !== 'capture') throw new StudioError('not-found', `no capture with id "${id}"`, 'id');
    const key = `${id}@${manifest.updatedAt}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const dir = resolveInside(ws.itemDir('capture', id), manifest.root);
    const { openCaptureFolder } = await import('../capture-io');
    let capture: Capture;
    try {
      capture = await openCaptureFolder(dir, { maxSide: CAMERAS_MAX_SIDE });
    } catch (err) {
      throw new StudioError('conflict', `capture "${id}" cannot be read: ${(err as Error).message}`, 'id');
    }
    const cameras = await camerasOfCapture(capture, dir);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, cameras);
    return cameras;
  };
}

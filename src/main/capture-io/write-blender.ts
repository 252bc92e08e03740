// Write a Capture as a Blender/NeRF-synthetic capture folder:
//   transforms_train.json, transforms_test.json (+ transforms_val.json when it has views)
//   <split>/r_<i>.png               RGBA (alpha from view.alpha, colour un-composited from the
//                                   capture background), or RGB when the view has no alpha
//   <split>/r_<i>.depth.bin         with { depth: true } and view.depth: float32 little-endian,
//                                   row-major H x W, distance along each pixel's ray in world
//                                   units, 0 where the ray hits nothing; described per frame
//                                   by { depth: { file, width, height, encoding: 'float32le',
//                                   kind: 'ray-distance' } }
// The json also carries fl_x/fl_y/cx/cy/w/h and scene_bounds (aabb, near, far) so the
// capture reads back with the same cameras and bounds. The folder is built under a temporary
// name next to `dir` and renamed into place at the end, so readers never see half of it.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Capture, Split } from '../../engine/data';
import { blenderTransforms, float32LeBytes } from '../../engine/data';
import type { FrameRecord } from '../../engine/data';
import { encodeRgbToRgba8 } from '../../engine/image';
import { encodePng } from './png';

export interface WriteBlenderOptions {
  /** Write ground-truth depth where views have it. */
  depth: boolean;
  /** Replace an existing folder (otherwise an existing `dir` is an error). */
  overwrite: boolean;
  /** More files to place in the folder (relative path -> content), e.g. a scene description. */
  extraFiles: Record<string, string | Uint8Array>;
}
export const WRITE_BLENDER_DEFAULTS: WriteBlenderOptions = { depth: false, overwrite: false, extraFiles: {} };

async function exists(p: string): Promise<boolean> {
  try { await fs.lstat(p); return true; } catch { return false; }
}

export async function writeBlenderCapture(dir: string, capture: Capture, options: Partial<WriteBlenderOptions> = {}): Promise<void> {
  const opt = { ...WRITE_BLENDER_DEFAULTS, ...options };
  const target = path.resolve(dir);
  if (!opt.overwrite && (await exists(target))) throw new Error(`writeBlenderCapture: ${target} already exists`);
  if (capture.views.length === 0) throw new Error('writeBlenderCapture: the capture has no views');
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  await fs.mkdir(tmp);
  try {
    const write = async (rel: string, data: string | Uint8Array) => {
      const file = path.join(tmp, ...rel.split('/'));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data);
    };
    for (const split of ['train', 'val', 'test'] as Split[]) {
      const views = capture.views.filter((v) => v.split === split);
      if (split === 'val' && views.length === 0) continue;
      const frames: FrameRecord[] = [];
      for (const [i, view] of views.entries()) {
        const base = `${split}/r_${i}`;
        const img = view.alpha ? encodeRgbToRgba8(view.image, view.alpha, capture.background) : view.image;
        await write(`${base}.png`, await encodePng(img));
        const frame: FrameRecord = { path: `./${base}`, c2w: view.c2w, intrinsics: view.intrinsics };
        if (opt.depth && view.depth) {
          await write(`${base}.depth.bin`, float32LeBytes(view.depth));
          frame.depthPath = `${base}.depth.bin`;
        }
        frames.push(frame);
      }
      const json = blenderTransforms(frames, { aabb: capture.aabb, near: capture.near, far: capture.far });
      if (frames.length === 0) {
        // Keep the camera of the other splits so the file stays self-describing.
        Object.assign(json, blenderTransforms([{ path: '', c2w: capture.views[0].c2w, intrinsics: capture.views[0].intrinsics }], {}), { frames: [] });
        json.scene_bounds = { aabb: [capture.aabb.min, capture.aabb.max], near: capture.near, far: capture.far };
      }
      json.background = capture.background;
      await write(`transforms_${split}.json`, `${JSON.stringify(json, null, 2)}\n`);
    }
    for (const [rel, data] of Object.entries(opt.extraFiles)) await write(rel, data);
    if (await exists(target)) {
      const old = `${target}.old-${randomBytes(6).toString('hex')}`;
      await fs.rename(target, old);
      await fs.rename(tmp, target);
      await fs.rm(old, { recursive: true, force: true });
    } else {
      await fs.rename(tmp, target);
    }
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

// Test fixtures: one small procedural rig written to disk in every capture format, with real
// PNG / JPEG / WebP files encoded by sharp. Used by the capture-io tests only.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  blenderTransforms, colmapModel, demoScene, instantNgpTransforms, llffPosesBounds, nerfstudioTransforms,
  renderProceduralCapture,
} from '../../engine/data';
import type { Capture, FrameRecord } from '../../engine/data';
import { encodeRgbToRgba8 } from '../../engine/image';
import { writeBlenderCapture } from './write-blender';

export type ImageKind = 'png' | 'jpg' | 'webp';

export async function tempDir(prefix = 'parallax-capture-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The reference rig: 8 train + 2 test views, 24 x 18 pixels (non-square on purpose). */
export function referenceCapture(): Capture {
  return renderProceduralCapture({
    scene: demoScene(), width: 24, height: 18, views: { train: 8, test: 2 }, supersample: 1,
    rig: { kind: 'sphere', radius: 3, minElevationDeg: 10, maxElevationDeg: 60 },
  }).capture;
}

export async function writeImage(file: string, capture: Capture, index: number, kind: ImageKind): Promise<void> {
  const v = capture.views[index];
  const rgba = encodeRgbToRgba8(v.image, kind === 'png' ? v.alpha : undefined, capture.background);
  let img = sharp(Buffer.from(rgba.rgba), { raw: { width: rgba.width, height: rgba.height, channels: 4 } });
  img = kind === 'png' ? img.png() : kind === 'jpg' ? img.flatten({ background: '#ffffff' }).jpeg({ quality: 95 }) : img.webp({ quality: 95 });
  await fs.mkdir(path.dirname(file), { recursive: true });
  await img.toFile(file);
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(value, null, 2));
}

const records = (capture: Capture, name: (i: number) => string): FrameRecord[] =>
  capture.views.map((v, i) => ({ path: name(i), c2w: v.c2w, intrinsics: v.intrinsics }));

/** Write `capture` in `format` under `dir`; returns `dir`. */
export async function writeFormat(
  dir: string, capture: Capture, format: 'blender' | 'nerfstudio' | 'instant-ngp' | 'colmap' | 'llff' | 'images',
): Promise<string> {
  const name = (i: number, ext: string) => `frame_${String(i).padStart(3, '0')}.${ext}`;
  switch (format) {
    case 'blender':
      await writeBlenderCapture(dir, capture, { depth: true });
      break;
    case 'nerfstudio':
      for (let i = 0; i < capture.views.length; i++) await writeImage(path.join(dir, 'images', name(i, 'jpg')), capture, i, 'jpg');
      await writeJson(path.join(dir, 'transforms.json'), nerfstudioTransforms(records(capture, (i) => `images/${name(i, 'jpg')}`), { distortion: { k1: 0, k2: 0, p1: 0, p2: 0 } }));
      break;
    case 'instant-ngp':
      for (let i = 0; i < capture.views.length; i++) await writeImage(path.join(dir, 'images', name(i, 'webp')), capture, i, 'webp');
      await writeJson(path.join(dir, 'transforms.json'), instantNgpTransforms(records(capture, (i) => `./images/${name(i, 'webp')}`), { aabbScale: 1, scale: 0.5 }));
      break;
    case 'colmap': {
      for (let i = 0; i < capture.views.length; i++) await writeImage(path.join(dir, 'images', name(i, 'png')), capture, i, 'png');
      const { camerasTxt, imagesTxt } = colmapModel(records(capture, (i) => name(i, 'png')));
      await fs.mkdir(path.join(dir, 'sparse', '0'), { recursive: true });
      await fs.writeFile(path.join(dir, 'sparse', '0', 'cameras.txt'), camerasTxt);
      await fs.writeFile(path.join(dir, 'sparse', '0', 'images.txt'), imagesTxt);
      break;
    }
    case 'llff':
      for (let i = 0; i < capture.views.length; i++) await writeImage(path.join(dir, 'images', name(i, 'jpg')), capture, i, 'jpg');
      await fs.writeFile(path.join(dir, 'poses_bounds.npy'), llffPosesBounds(records(capture, (i) => name(i, 'jpg')), capture.views.map(() => [1.5, 4.5])));
      break;
    case 'images':
      for (let i = 0; i < 3; i++) await writeImage(path.join(dir, name(i, 'png')), capture, i, 'png');
      break;
  }
  return dir;
}

export { blenderTransforms };

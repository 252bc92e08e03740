// A plain folder of photos without camera poses (e.g. a single photo to sample from).
// Every view gets the same placeholder camera: at (0, 0, PLACEHOLDER_DISTANCE) looking at
// the origin (identity rotation), with a PLACEHOLDER_FOV_DEG horizontal field of view.
// The capture is flagged `placeholderPoses: true` and carries a warning.
import { intrinsicsFromFov, mat4 } from '../../camera';
import { CaptureError } from '../errors';
import type { CaptureFiles } from '../files';
import { isImageName, joinRel } from '../files';
import type { RawCapture, RawFrame } from './raw';

export const PLACEHOLDER_DISTANCE = 2.5;
export const PLACEHOLDER_FOV_DEG = 45;

export async function findImageDir(files: CaptureFiles): Promise<string | null> {
  for (const dir of ['', 'images']) {
    if ((await files.list(dir)).some(isImageName)) return dir;
  }
  return null;
}

export async function readImageFolder(files: CaptureFiles): Promise<RawCapture> {
  const dir = await findImageDir(files);
  if (dir === null) throw new CaptureError('no images found (PNG, JPEG or WebP) in the folder or images/ (empty capture)', '.', 'images');
  const names = (await files.list(dir)).filter(isImageName);
  const fov = (PLACEHOLDER_FOV_DEG * Math.PI) / 180;
  const frames: RawFrame[] = names.map((name) => ({
    candidates: [joinRel(dir, name)],
    split: 'train',
    c2w: mat4([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, PLACEHOLDER_DISTANCE, 0, 0, 0, 1]),
    intrinsicsFor: (w, h) => intrinsicsFromFov(w, h, fov),
    source: { file: joinRel(dir, name), field: 'image' },
  }));
  return {
    format: 'images', frames, bounds: { aabb: { min: [-1, -1, -1], max: [1, 1, 1] } }, splitsGiven: true,
    warnings: [`no camera poses found: ${frames.length} image(s) got placeholder poses (camera at z = ${PLACEHOLDER_DISTANCE}, ${PLACEHOLDER_FOV_DEG} deg field of view)`],
    placeholderPoses: true,
  };
}

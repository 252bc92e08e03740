// The photo a generation starts from, as a model-sized square view with its camera: an image file
// (assumed to be taken from the model's canonical front pose: the toy category's front camera,
// 40 deg FOV at radius 2.2) or a capture folder (its first view and pose; an unposed image folder
// is treated like a photo).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { intrinsicsFromFov, lookAt, type Mat4 } from '../../engine/camera';
import { CaptureError } from '../../engine/data/errors';
import type { RgbImage } from '../../engine/data/types';
import { squareView, type TrainView } from '../../engine/dfm';
import { openCaptureFolder } from '../capture-io';

const FRONT_FOV = (40 * Math.PI) / 180;
/** Photos are decoded at most this large (longest side): the model sees 64 px, so a 24-megapixel photo need not become a 290 MB float buffer. */
const PHOTO_DECODE_MAX_SIDE = 1024;

/** The toy category's front camera: radius 2.2, 17 deg elevation, 40 deg horizontal FOV. */
export function canonicalFrontCamera(size: number): TrainView['camera'] {
  const el = (17 * Math.PI) / 180;
  return { intrinsics: intrinsicsFromFov(size, size, FRONT_FOV), c2w: lookAt([0, 2.2 * Math.sin(el), 2.2 * Math.cos(el)], [0, 0, 0]) as Mat4 };
}

/** An unposed photo at the canonical front pose: its centre square spans the canonical FOV. */
export function photoAsFrontView(img: RgbImage, size: number): TrainView {
  const fx = (0.5 * Math.min(img.width, img.height)) / Math.tan(FRONT_FOV / 2);
  const k = { width: img.width, height: img.height, fx, fy: fx, cx: img.width / 2, cy: img.height / 2 };
  const sq = squareView(img, k, size);
  return { image: sq.image, camera: { intrinsics: sq.intrinsics, c2w: canonicalFrontCamera(size).c2w } };
}

/** `posed`: the camera is the capture's own pose (a posed capture folder), not the assumed canonical front one. */
export async function readPhoto(photo: string, size: number): Promise<TrainView & { posed: boolean }> {
  const p = resolve(photo);
  if (statSync(p).isDirectory()) {
    const cap = await openCaptureFolder(p);
    const v = cap.views[0];
    if (!v) throw new Error(`${p}: views: the capture has no images`);
    if (cap.placeholderPoses) return { ...photoAsFrontView(v.image, size), posed: false };
    const sq = squareView(v.image, v.intrinsics, size);
    return { image: sq.image, camera: { intrinsics: sq.intrinsics, c2w: v.c2w }, posed: true };
  }
  const { data, info } = await sharp(p)
    .resize({ width: PHOTO_DECODE_MAX_SIDE, height: PHOTO_DECODE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    .catch((err: Error) => { throw new CaptureError(`not a readable image (PNG, JPEG or WebP): ${err.message}`, p, 'image'); });
  const img = new Float32Array(info.width * info.height * 3);
  for (let i = 0; i < img.length; i++) img[i] = data[i] / 255;
  return { ...photoAsFrontView({ width: info.width, height: info.height, data: img }, size), posed: false };
}

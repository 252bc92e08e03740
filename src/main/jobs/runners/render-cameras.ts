// Cameras for `render --cameras <file>`: the frames of a nerfstudio / Instant-NGP transforms.json
// or a Blender transforms_*.json in ANY folder, put in the world of the scene they are rendered
// from. Only poses and intrinsics are read; the images need not exist (they are opened, header
// only, just when a frame declares no w/h and the size must come from its image).
//
// World frame: a scene is fitted in its capture's normalised world, x_norm = s R (x_file - c)
// (src/engine/data/normalize.ts). The fit stores that map as settings.normalization, and every
// pose of the file is mapped with it. Recomputing a normalisation from the file's own frames
// (a few held-out cameras) would give another centre and scale, i.e. other views.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import sharp from 'sharp';
import { z } from 'zod';
import type { Intrinsics, Mat4 } from '../../../engine/camera';
import { applyNormalizationToPose, CaptureError, parseJsonFile } from '../../../engine/data';
import type { CaptureNormalization } from '../../../engine/data';
import { transformsIntrinsics } from '../../../engine/data/formats/blender';
import { asArray, asObject, asPoseMatrix, optNumber, optString } from '../../../engine/data/json';

export interface Shot { name: string; k: Intrinsics; c2w: Mat4 }

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);
const NormalizationSchema = z.object({
  method: z.enum(['none', 'cameras', 'bounds']),
  center: Vec3,
  scale: z.number().positive(),
  rotation: z.array(z.number()).length(9),
  transform: z.array(z.number().finite()).length(16),
  appliedTransform: z.array(z.number()).optional(),
});

/** The capture normalisation a fitted scene recorded (settings.normalization), validated. */
export function sceneNormalization(settings: Record<string, unknown>, manifestFile: string): CaptureNormalization {
  if (settings.normalization === undefined) {
    throw new Error(`${manifestFile}: field "settings.normalization" is missing: the scene was fitted before scenes recorded their capture's world frame, so other cameras cannot be placed in it; fit it again`);
  }
  const parsed = NormalizationSchema.safeParse(settings.normalization);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${manifestFile}: field "settings.normalization.${issue?.path.join('.')}": ${issue?.message}`);
  }
  return parsed.data;
}

const IMAGE_EXT = ['.png', '.jpg', '.jpeg', '.webp', '.PNG', '.JPG', '.JPEG'];

/** Width and height of the frame's image (header only), or null when there is none. */
async function imageSize(root: string, path: string): Promise<[number, number] | null> {
  const full = resolve(root, path);
  const candidates = /\.(png|jpe?g|webp)$/i.test(path) ? [full] : [full, ...IMAGE_EXT.map((e) => full + e)];
  for (const f of candidates) {
    try {
      const m = await sharp(f).metadata();
      if (m.width && m.height) return [m.width, m.height];
    } catch { /* not there or not an image: try the next */ }
  }
  return null;
}

/**
 * One shot per frame: intrinsics at the frame's own w x h (per-frame keys win over global ones;
 * fl_x/fl_y/cx/cy or camera_angle_x/_y), the pose mapped into the scene's world, and the name
 * of the frame's image file with extension .png.
 */
export async function readCameraFile(camerasFile: string, normalization: CaptureNormalization): Promise<Shot[]> {
  const file = resolve(camerasFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CaptureError(`cannot read cameras (${(err as Error).message})`, file, '(file)');
  }
  const top = asObject(parseJsonFile(text, file), file, '(top level)');
  const frames = asArray(top.frames, file, 'frames');
  if (frames.length === 0) throw new CaptureError('no frames', file, 'frames');
  const names = new Map<string, number>();
  const shots: Shot[] = [];
  for (const [i, f] of frames.entries()) {
    const field = `frames[${i}]`;
    const frame = asObject(f, file, field);
    const path = optString(frame, 'file_path', file, field);
    if (!path) throw new CaptureError('missing image path (the PNG is named after it)', file, `${field}.file_path`);
    const c2w = asPoseMatrix(frame.transform_matrix, file, `${field}.transform_matrix`);
    const intrinsicsFor = transformsIntrinsics(frame, top, file, field);
    const declared = ['w', 'h'].map((key) => optNumber(frame, key, file, field, { positive: true, integer: true }) ?? optNumber(top, key, file, '', { positive: true, integer: true }));
    let size: [number, number] | null = declared[0] !== undefined && declared[1] !== undefined ? [declared[0], declared[1]] : null;
    size ??= await imageSize(dirname(file), path);
    if (!size) throw new CaptureError(`no image size: give w and h (the image ${JSON.stringify(path)} is not there to take it from)`, file, `${field}.w`);
    const stem = basename(path.replace(/\\/g, '/')).replace(/\.(png|jpe?g|webp)$/i, '');
    const name = `${stem}.png`;
    const twin = names.get(name);
    if (twin !== undefined) throw new CaptureError(`frames[${twin}] and frames[${i}] would both render to ${name}`, file, `${field}.file_path`);
    names.set(name, i);
    shots.push({ name, k: intrinsicsFor(size[0], size[1]), c2w: applyNormalizationToPose(c2w, normalization) });
  }
  return shots;
}

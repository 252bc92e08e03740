// LLFF `poses_bounds.npy`: N x 17 float64. Row i = a 3x5 matrix (row-major) [R | t | hwf]
// followed by the near and far depth bounds of view i. R's columns are the camera axes
// [down, right, backwards] in world coordinates, t the camera centre, hwf = (height, width,
// focal) in pixels. OpenGL axes are [right, up, backwards] = [col1, -col0, col2].
// Images are the files of images/ in name order, one per row.
import { intrinsicsFromFocal, mat4 } from '../../camera';
import { CaptureError } from '../errors';
import type { CaptureFiles } from '../files';
import { isImageName } from '../files';
import { checkedPose } from '../json';
import { parseNpy } from './npy';
import type { RawCapture, RawFrame } from './raw';
import { checkIntrinsics, fitDeclaredIntrinsics } from './raw';

export const LLFF_FILE = 'poses_bounds.npy';

export async function readLlff(files: CaptureFiles): Promise<RawCapture> {
  const file = LLFF_FILE;
  const arr = parseNpy(await files.readBytes(file), file);
  if (arr.shape.length !== 2 || arr.shape[1] !== 17) {
    throw new CaptureError(`expected shape (N, 17), got (${arr.shape.join(', ')})`, file, 'header.shape');
  }
  const n = arr.shape[0];
  if (n === 0) throw new CaptureError('no poses (empty capture)', file, 'header.shape');
  const imageDir = 'images';
  const names = (await files.list(imageDir)).filter(isImageName);
  if (names.length !== n) {
    throw new CaptureError(`${n} poses but ${imageDir}/ holds ${names.length} images (frame/image count mismatch)`, file, 'shape[0]');
  }
  const frames: RawFrame[] = [];
  for (let i = 0; i < n; i++) {
    const row = arr.data.subarray(17 * i, 17 * i + 17);
    const field = `row ${i}`;
    const at = (r: number, c: number) => row[5 * r + c];
    for (let j = 0; j < 17; j++) {
      if (!Number.isFinite(row[j])) throw new CaptureError(`entry ${j} is not finite (${row[j]})`, file, field);
    }
    const values = [];
    for (let r = 0; r < 3; r++) values.push(at(r, 1), -at(r, 0), at(r, 2), at(r, 3));
    values.push(0, 0, 0, 1);
    const c2w = checkedPose(mat4(values), file, `${field}.pose`);
    const [h, w, f] = [at(0, 4), at(1, 4), at(2, 4)];
    if (!(h > 0 && w > 0)) throw new CaptureError(`image size (h, w) must be positive, got (${h}, ${w})`, file, `${field}.hwf`);
    const k = checkIntrinsics(intrinsicsFromFocal(w, h, f), file, `${field}.hwf.focal`);
    const near = row[15];
    const far = row[16];
    if (!(near > 0 && far > near)) throw new CaptureError(`bounds must satisfy 0 < near < far, got near=${near}, far=${far}`, file, `${field}.bounds`);
    frames.push({
      candidates: [`${imageDir}/${names[i]}`], split: 'train', c2w,
      intrinsicsFor: (width, height) => fitDeclaredIntrinsics(k, width, height, file, `${field}.hwf`),
      source: { file, field }, viewBounds: [near, far],
    });
  }
  const bounds = { viewBounds: frames.map((f) => f.viewBounds!) };
  return { format: 'llff', frames, warnings: [], bounds, splitsGiven: false };
}

// Capture format auto-detection, from the files present in the capture root.
import { CaptureError } from './errors';
import type { CaptureFiles } from './files';
import { BLENDER_SPLITS, blenderFileName, readBlender } from './formats/blender';
import { findColmapModel, findIncompleteColmapBinary, readColmap } from './formats/colmap';
import { findImageDir, readImageFolder } from './formats/images';
import { LLFF_FILE, readLlff } from './formats/llff';
import type { RawCapture } from './formats/raw';
import { TRANSFORMS_FILE, readTransforms } from './formats/transforms';
import type { Capture } from './types';

export type CaptureFormat = Capture['format'];

/**
 * Which format the folder holds. Precedence: Blender split files, transforms.json
 * (nerfstudio or Instant-NGP, decided by its keys), LLFF poses_bounds.npy, COLMAP text
 * or binary model, plain images.
 */
export async function detectCaptureFormat(files: CaptureFiles): Promise<CaptureFormat> {
  for (const split of BLENDER_SPLITS) if (await files.exists(blenderFileName(split))) return 'blender';
  if (await files.exists(TRANSFORMS_FILE)) return (await readTransforms(files)).format;
  if (await files.exists(LLFF_FILE)) return 'llff';
  if ((await findColmapModel(files)) !== null) return 'colmap';
  const missing = await findIncompleteColmapBinary(files);
  if (missing) throw new CaptureError('COLMAP binary model is incomplete: this file is missing beside its partner (.bin)', missing, 'format');
  if ((await findImageDir(files)) !== null) return 'images';
  throw new CaptureError(
    'no capture found: expected transforms_train.json (Blender), transforms.json (nerfstudio / Instant-NGP), poses_bounds.npy (LLFF), cameras.txt + images.txt or cameras.bin + images.bin (COLMAP) or image files',
    '.', 'format',
  );
}

/** Parse the capture's metadata in the given (or detected) format. */
export async function readRawCapture(files: CaptureFiles, format: CaptureFormat | 'auto'): Promise<RawCapture> {
  const f = format === 'auto' ? await detectCaptureFormat(files) : format;
  switch (f) {
    case 'blender': return readBlender(files);
    case 'nerfstudio':
    case 'instant-ngp': {
      const raw = await readTransforms(files);
      return { ...raw, format: f };
    }
    case 'llff': return readLlff(files);
    case 'colmap': {
      const where = await findColmapModel(files);
      if (where === null) throw new CaptureError('cameras.txt + images.txt or cameras.bin + images.bin not found (looked in ., sparse/0, sparse, colmap/sparse/0)', '.', 'format');
      return readColmap(files, where);
    }
    case 'images': return readImageFolder(files);
    default: throw new CaptureError(`unknown capture format ${JSON.stringify(f)}`, '.', 'format');
  }
}

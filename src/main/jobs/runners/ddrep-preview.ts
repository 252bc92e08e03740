// The live preview of a studio DDRep job: one row per sample. SIREN rows hold the estimate at the
// strip's snapshot steps so far (grey = not reached) and, last, the current estimate; panorama rows hold
// the current canvas only (a strip of 32 x 256 canvases would be too wide to read). Samples not started
// are grey. Images in [0, 1]; every tile of a row has the sample picture's size.
import type { RgbImage } from '../../../engine/data/types';

export interface PreviewRow { snaps: readonly RgbImage[]; current: RgbImage | null }

/** [rows * h, cols * w, 3] grid; `slots` snapshot columns before the current one (0 for panoramas). */
export function previewGrid(rows: readonly PreviewRow[], tile: { width: number; height: number }, slots: number): RgbImage {
  const cols = slots + 1;
  const width = cols * tile.width; const height = rows.length * tile.height;
  const data = new Float32Array(width * height * 3).fill(0.5);
  const put = (img: RgbImage | null | undefined, row: number, col: number) => {
    if (!img || img.width !== tile.width || img.height !== tile.height) return;
    for (let y = 0; y < tile.height; y++) {
      data.set(img.data.subarray(3 * y * tile.width, 3 * (y + 1) * tile.width), 3 * ((row * tile.height + y) * width + col * tile.width));
    }
  };
  rows.forEach((r, i) => {
    for (let j = 0; j < slots; j++) put(r.snaps[j], i, j);
    put(r.current, i, slots);
  });
  return { width, height, data };
}

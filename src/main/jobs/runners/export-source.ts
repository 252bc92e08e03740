// What an export reads from a scene folder. Reconstructed scenes carry a fitted field
// (files.field, scene.bin); generated scenes may carry only the baked volume (files.volume,
// volume.bin) and a mesh. Each exporter asks for what it needs:
//   grid():   the BakedGrid to mesh — baked from the field at `res`, else decoded from volume.bin
//   volume(): the decoded volume.bin, or null when the scene has none
// grid() keeps only the scene's crop box (manifest cropBox, else the fit's proposal) when it has one:
// a field is baked inside the box (bakeGrid's crop), a volume is cut to it (crop-grid.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectiveCropBox } from '../../../shared';
import type { CropBox, SceneManifest } from '../../../shared';
import { decodeVolume } from '../../../shared/volume-file';
import type { DecodedVolume } from '../../../shared/volume-file';
import type { BakedGrid } from '../../../engine/grid/types';
import type { FittedScene } from '../../../engine/recon';
import { resolveInside } from '../../workspace';
import { cropGrid } from './crop-grid';
import { loadSceneField, readSceneManifest } from './scene-folder';

export type GridOrigin = 'field' | 'volume';

export interface ExportSource {
  sceneDir: string;
  manifest: SceneManifest;
  /** The fitted field, when the scene has one (scene.bin). */
  field(): Promise<FittedScene | null>;
  /** volume.bin decoded, when the scene has one. */
  volume(): Promise<DecodedVolume | null>;
  /** A grid to mesh (cropped to `crop` when the scene has one), and where it came from. */
  grid(res: number): Promise<{ grid: BakedGrid; origin: GridOrigin }>;
  /** The crop box the exports keep, or null (the whole scene). */
  crop: CropBox | null;
}

/** Density and colour of a decoded volume as a BakedGrid (alpha byte -> sigma via maxDensity). */
export function volumeToGrid(v: DecodedVolume): BakedGrid {
  const n = v.resolution[0] * v.resolution[1] * v.resolution[2];
  const density = new Float32Array(n), rgb = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    density[i] = (v.voxels[4 * i + 3] / 255) * v.maxDensity;
    rgb[3 * i] = v.voxels[4 * i] / 255;
    rgb[3 * i + 1] = v.voxels[4 * i + 1] / 255;
    rgb[3 * i + 2] = v.voxels[4 * i + 2] / 255;
  }
  return { resolution: [...v.resolution], aabb: { min: [...v.aabb.min], max: [...v.aabb.max] }, density, rgb };
}

export async function openExportSource(sceneDir: string): Promise<ExportSource> {
  const manifest = await readSceneManifest(sceneDir);
  const manifestFile = join(sceneDir, 'manifest.json');
  let field: Promise<FittedScene | null> | null = null;
  let volume: Promise<DecodedVolume | null> | null = null;
  const crop = effectiveCropBox(manifest);
  const cropped = (grid: BakedGrid) => (crop ? cropGrid(grid, crop, `${manifestFile}: field "cropBox"`) : grid);
  const source: ExportSource = {
    sceneDir,
    manifest,
    crop,
    field() {
      field ??= manifest.files.field ? loadSceneField(sceneDir).then((r) => r.scene) : Promise.resolve(null);
      return field;
    },
    volume() {
      volume ??= (async () => {
        if (!manifest.files.volume) return null;
        const file = resolveInside(sceneDir, manifest.files.volume);
        if (!existsSync(file)) throw new Error(`${manifestFile}: field "files.volume": ${manifest.files.volume} does not exist in ${sceneDir}`);
        return decodeVolume(new Uint8Array(await readFile(file)), file);
      })();
      return volume;
    },
    async grid(res) {
      const scene = await source.field();
      if (scene) {
        const { bakeGrid } = await import('../../../engine/recon');
        // The bake itself is limited to the crop box, so the object keeps the full resolution.
        return { grid: bakeGrid(scene, res, crop ? { crop } : {}), origin: 'field' };
      }
      const v = await source.volume();
      if (v) return { grid: cropped(volumeToGrid(v)), origin: 'volume' };
      throw new Error(`${manifestFile}: fields "files.field" and "files.volume" are both missing: the scene has nothing to export`);
    },
  };
  return source;
}

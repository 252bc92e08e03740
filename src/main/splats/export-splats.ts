// Export a splat scene (splats.ply) as .ply, .spz, .splat or GLB (KHR_gaussian_splatting). Every
// file is verified before the export is reported done (verify-splat-file.ts: our re-read and
// splat-transform's, values compared within the format's quantisation).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeSplatBinary, encodeSplatGlb, encodeSplatPly, encodeSpz } from '../../engine/splats/io';
import type { SplatFileFormat } from '../../engine/splats/io';
import type { SceneManifest } from '../../shared';
import { loadSplatScene } from './splat-scene-folder';
import { verifySplatFile } from './verify-splat-file';

/** The export formats a splat scene offers, as the export runner names them. */
export const SPLAT_EXPORT_FORMATS = ['ply', 'spz', 'splat', 'glb'] as const;
export type SplatExportFormat = (typeof SPLAT_EXPORT_FORMATS)[number];

const EXTENSION: Record<SplatExportFormat, string> = { ply: '.splats.ply', spz: '.spz', splat: '.splat', glb: '.splats.glb' };

export interface SplatExportResult {
  files: string[];
  validation: string;
  summary: Record<string, number>;
}

export async function exportSplats(
  splatFile: string, manifest: SceneManifest, format: SplatExportFormat, outDir: string, base: string, step: (message: string) => void,
): Promise<SplatExportResult> {
  step(`reading ${splatFile}`);
  const scene = await loadSplatScene(splatFile);
  if (scene.count === 0) throw new Error(`${splatFile}: the scene has no Gaussians to export`);
  step(`writing ${format.toUpperCase()} (${scene.count} Gaussians)`);
  const bytes = format === 'ply' ? encodeSplatPly(scene)
    : format === 'spz' ? encodeSpz(scene)
      : format === 'splat' ? encodeSplatBinary(scene)
        : await encodeSplatGlb(scene, { source: manifest.id, sceneName: manifest.name });
  const file = `${base}${EXTENSION[format]}`;
  step('verifying (re-read + splat-transform)');
  const check = await verifySplatFile(bytes, format as SplatFileFormat, scene, file);
  await writeFile(join(outDir, file), bytes);
  return { files: [file], validation: check.summary, summary: { gaussians: scene.count, shDegree: scene.shDegree, bytes: bytes.length } };
}

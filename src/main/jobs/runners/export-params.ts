// Parameters of the `export` runner (shared by the studio's jobs and the CLI).
import { z } from 'zod';
import type { ExportManifest } from '../../../shared';

export const ExportParamsSchema = z.object({
  sceneDir: z.string().min(1),
  /**
   * glb / ply: mesh; ply-points: the baked field's occupied voxels; turntable: PNG frames of an orbit.
   * Splat scenes (splats.ply): ply = 3DGS .ply, glb = KHR_gaussian_splatting, spz and splat (src/main/splats).
   */
  format: z.enum(['glb', 'ply', 'ply-points', 'turntable', 'spz', 'splat']),
  /** glb only: 'plain' (opens everywhere) or 'web' (welded, quantized, EXT_meshopt_compression). */
  preset: z.enum(['plain', 'web']).default('plain'),
  unlit: z.boolean().default(false),
  /** Bake grid resolution when the scene has a fitted field (default: the scene's own `res`). */
  res: z.number().int().min(16).max(1024).optional(),
  /** turntable only: frame count and square frame size in pixels. */
  frames: z.number().int().min(1).max(360).default(36),
  size: z.number().int().min(16).max(1024).default(256),
  name: z.string().min(1).default('Export'),
  sourceId: z.string().default('external'),
});
export type ExportParams = z.input<typeof ExportParamsSchema>;
export type ResolvedExportParams = z.infer<typeof ExportParamsSchema>;

/** Manifest `format` of the export item each (format, preset) produces. */
export function exportManifestFormat(p: Pick<ResolvedExportParams, 'format' | 'preset'>, splats = false): ExportManifest['format'] {
  if (splats) return p.format === 'glb' ? 'splat-glb' : p.format === 'ply' ? 'splat-ply' : p.format === 'spz' ? 'spz' : 'splat';
  if (p.format === 'glb') return p.preset === 'web' ? 'glb-web' : 'glb';
  if (p.format === 'turntable') return 'png-frames';
  return p.format;
}

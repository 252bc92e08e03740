// Test fixtures for the generative pipeline and its job runners: a tiny 16x16 DFM model file, tiny
// procedural captures (the toy category, radius 2.2) and a RunnerContext that records progress,
// previews and checkpoints in memory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCategoryCapture } from '../../../engine/data';
import type { RgbImage } from '../../../engine/data/types';
import { createDfmModel, disposeDfmModel, encodeDfmModelFile } from '../../../engine/dfm';
import { TINY_CONFIG } from '../../../engine/dfm/dfm-fixtures';
import type { Tf } from '../../../engine/tf';
import { writeBlenderCapture } from '../../capture-io';
import type { RunnerContext, RunnerProgress } from '../../jobs/runners/types';

/** TINY_CONFIG with the toy category's render interval (cameras at radius 2.2). */
export const TINY_DFM = { ...TINY_CONFIG, render: { ...TINY_CONFIG.render!, near: 1.2, far: 3.2 } };

export async function writeTinyModel(tf: Tf, file: string, seed = 1): Promise<void> {
  const model = createDfmModel(tf, TINY_DFM, seed);
  const prov = { dataset: 'test', seed, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0' };
  await writeFile(file, encodeDfmModelFile(model, 'dfm', prov));
  disposeDfmModel(model);
}

/** A posed toy capture folder (Blender format) with `views` views at `resolution` px. */
export async function writeToyCapture(dir: string, seed: number, views: number, resolution = 16): Promise<string> {
  const { capture } = renderCategoryCapture(seed, { resolution, viewsPerScene: views, supersample: 1 });
  await writeBlenderCapture(dir, capture, { depth: true });
  return dir;
}

export interface RecordingContext {
  ctx: RunnerContext;
  progress: RunnerProgress[];
  previews: RgbImage[];
  checkpoints: { step: number; bytes: Uint8Array }[];
}

export async function recordingContext(
  tf: Tf, params: unknown, jobDir: string,
  over: { shouldStop?: () => boolean; resumeFrom?: { bytes: Uint8Array; step: number } | null } = {},
): Promise<RecordingContext> {
  const stagingDir = join(jobDir, 'staging');
  await mkdir(stagingDir, { recursive: true });
  const rec: Omit<RecordingContext, 'ctx'> = { progress: [], previews: [], checkpoints: [] };
  const ctx: RunnerContext = {
    tf, backend: 'wasm', adapter: 'test', params, jobDir, stagingDir, resumeFrom: over.resumeFrom ?? null, options: {},
    progress: (p, preview) => { rec.progress.push(p); if (preview) rec.previews.push({ ...preview, data: preview.data.slice() }); },
    shouldStop: over.shouldStop ?? (() => false),
    checkpoint: async (bytes, step) => { rec.checkpoints.push({ step, bytes: bytes.slice() }); },
  };
  return { ctx, ...rec };
}

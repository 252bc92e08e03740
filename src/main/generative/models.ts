// Model files on disk: the shipped defaults (resources/models/default-<method>.plxm) and loading a
// DFM (or pixelNeRF baseline) model file onto a tfjs backend. Shared by the CLI and job runners.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadDfmModelFile, type LoadedDfmModel } from '../../engine/dfm';
import type { ModelMethod } from '../../engine/model-file';
import type { Tf } from '../../engine/tf';
import { defaultResourcesDir } from '../studio/locate';

/** The shipped model of `method` (scripts/train-default.ts writes them) under `resourcesDir`. */
export function defaultModelPath(method: ModelMethod, resourcesDir: string = defaultResourcesDir()): string {
  return join(resourcesDir, 'models', `default-${method}.plxm`);
}

export type LoadedModelFile = LoadedDfmModel & { path: string };

/** Load `file` (default: the shipped model of `method`); clear errors for missing or bad files. */
export async function loadModel(tf: Tf, file: string | undefined, method: ModelMethod): Promise<LoadedModelFile> {
  const path = resolve(file ?? defaultModelPath(method));
  if (!existsSync(path)) {
    throw new Error(file ? `model file not found: ${path}` : `the default ${method} model ${path} is missing; run npm run train:default`);
  }
  return { ...loadDfmModelFile(tf, new Uint8Array(await readFile(path)), { method, source: path }), path };
}

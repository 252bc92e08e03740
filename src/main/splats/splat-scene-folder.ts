// A splat scene folder: a scene item whose manifest says `settings.method: "splats"` or that holds
// `splats.ply` (the 3DGS reference .ply, src/engine/splats/io/ply.ts). The trainer writes it; the
// viewer and every splat export read it from here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SceneManifest } from '../../shared';
import { decodeSplatPly } from '../../engine/splats/io';
import type { SplatScene } from '../../engine/splats/types';

export const SPLATS_FILE = 'splats.ply';

/** The splat file of a scene folder, or null when the scene is not a splat scene. */
export function splatFileOf(sceneDir: string, manifest: SceneManifest): string | null {
  const file = join(sceneDir, SPLATS_FILE);
  if (existsSync(file)) return file;
  if (manifest.settings.method === 'splats') {
    throw new Error(`${join(sceneDir, 'manifest.json')}: field "settings.method" is "splats" but ${SPLATS_FILE} does not exist in ${sceneDir}`);
  }
  return null;
}

export async function loadSplatScene(file: string): Promise<SplatScene> {
  return decodeSplatPly(new Uint8Array(await readFile(file)), file);
}

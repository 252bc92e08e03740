// Field samples of the studio's DDRep jobs (ddrep-scenes.ts): each finished sample is written once, by the
// CLI runner's scene writer (ddrep-scene.ts writeFieldScene: scene.bin, volume.bin, mesh.glb, preview.png and
// a validated manifest), into <jobDir>/ddrep-samples/sample-<k>/scene/, plus steps.png (the front view at the
// preview steps). At the end the folder is moved into staging and committed as a scene item with
// representation 'field', so the gallery opens it in the 3D viewer and the Export dialog exports it like any
// voxel scene. The writer's extra outputs next to the folder (a second validated copy of the GLB, the ring
// PNGs) are the CLI's deliverables; here they stay in the job folder and are removed with it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldRep } from '../../../engine/ddrep';
import type { RgbImage } from '../../../engine/data/types';
import { SceneManifestSchema, type SceneManifest } from '../../../shared';
import { writePng } from '../../capture-io';
import type { Tf } from '../../../engine/tf';
import { writeFieldScene, type FieldSceneInfo } from './ddrep-scene';
import { FIELD_RING_ELEVATION_DEG, FIELD_RING_VIEWS, stackImages } from './ddrep-setup';
import { SCENE_FILES } from './fit';

/** The scene folder's name inside a sample's folder. */
export const FIELD_SCENE_DIR = 'scene';
/** The per-step strip of a field sample (front view, left to right), kept in its scene folder. */
export const FIELD_STEPS_FILE = 'steps.png';

/** Files a finished field sample always has (mesh.glb only when some voxel reaches the iso level). */
const REQUIRED = [SCENE_FILES.field, SCENE_FILES.volume, SCENE_FILES.preview, 'manifest.json', FIELD_STEPS_FILE];

/** True when sample folder `dir` holds a whole field scene (a checkpoint's finished sample is kept only then). */
export function fieldSampleComplete(dir: string): boolean {
  return REQUIRED.every((f) => existsSync(join(dir, FIELD_SCENE_DIR, f)));
}

/** Write a finished field sample into `dir`/scene (see the header); `snaps` are front views [R, R]. */
export async function writeFieldSample(tf: Tf, field: FieldRep, dir: string, info: FieldSceneInfo, snaps: readonly RgbImage[]): Promise<void> {
  await writeFieldScene(tf, field, dir, FIELD_SCENE_DIR, info, FIELD_RING_ELEVATION_DEG, FIELD_RING_VIEWS);
  // Last: its presence marks the sample complete (fieldSampleComplete).
  await writePng(join(dir, FIELD_SCENE_DIR, FIELD_STEPS_FILE), stackImages(snaps, 'horizontal'));
}

/** The written scene folder's manifest (validated: the writer's files, metrics and the settings the viewer and export read). */
export async function readFieldSampleManifest(sceneDir: string): Promise<SceneManifest> {
  const file = join(sceneDir, 'manifest.json');
  const parsed = SceneManifestSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ddrep: ${file}: field "${issue?.path.join('.')}": ${issue?.message}`);
  }
  return parsed.data;
}

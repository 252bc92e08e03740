// Reading a scene folder (a workspace scene item or a CLI `fit --out` folder): the validated
// manifest and the deserialised field.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SceneManifestSchema } from '../../../shared';
import type { SceneManifest } from '../../../shared';
import { resolveInside } from '../../workspace';

export async function readSceneManifest(sceneDir: string): Promise<SceneManifest> {
  const file = join(sceneDir, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read scene manifest (${(err as Error).message})`, { cause: err });
  }
  const parsed = SceneManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: field "${issue?.path.join('.')}": ${issue?.message}`);
  }
  return parsed.data;
}

export async function loadSceneField(sceneDir: string) {
  const manifest = await readSceneManifest(sceneDir);
  if (!manifest.files.field) throw new Error(`${join(sceneDir, 'manifest.json')}: field "files.field" is missing: the scene has no fitted field`);
  const { deserializeScene } = await import('../../../engine/recon');
  const bytes = new Uint8Array(await readFile(resolveInside(sceneDir, manifest.files.field)));
  return { manifest, scene: deserializeScene(bytes) };
}

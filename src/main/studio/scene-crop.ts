// setSceneCropBox: write (or clear) a scene's crop box into its manifest. The argument was
// already validated by the contract (CropBoxSchema: finite, min < max on every axis); the new
// manifest is validated again as a whole before the atomic write, so a bad value never lands.
import { join } from 'node:path';
import { SceneManifestSchema, StudioError } from '../../shared';
import type { CropBox, WorkspaceItem } from '../../shared';
import { MANIFEST_FILE, writeJsonAtomic } from '../workspace';
import type { Workspace } from '../workspace';

export async function setSceneCropBox(ws: Workspace, id: string, cropBox: CropBox | null): Promise<WorkspaceItem> {
  const manifest = await ws.requireManifest('scene', id, 'id');
  if (manifest.kind !== 'scene') throw new StudioError('internal', 'scene manifest kind mismatch');
  const next: Record<string, unknown> = { ...manifest, updatedAt: new Date().toISOString() };
  if (cropBox) next.cropBox = { min: [...cropBox.min], max: [...cropBox.max] };
  else delete next.cropBox;
  const parsed = SceneManifestSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['cropBox', ...(issue?.path ?? []).slice(1)].join('.');
    throw new StudioError('invalid-argument', `setSceneCropBox: ${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  await writeJsonAtomic(join(ws.itemDir('scene', id), MANIFEST_FILE), parsed.data);
  return ws.getItem('scene', id);
}

// The shipped default DFM model as a workspace model item ("Default DFM model"). Idempotent: an
// item whose provenance says it is the shipped default with the same file checksum is returned
// instead of importing again (a retrained default file has a new checksum and is imported anew).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModelFile } from '../../engine/model-file';
import { StudioError } from '../../shared';
import type { WorkspaceItem } from '../../shared';
import { writeFileAtomic, type Workspace } from '../workspace';
import { defaultModelPath } from './models';

export const DEFAULT_MODEL_NAME = 'Default DFM model';
export const MODEL_FILE = 'model.plxm';
/** provenance.source of the imported default model. */
export const DEFAULT_MODEL_SOURCE = 'shipped-default';

// One import at a time per workspace folder, so two concurrent calls do not both import.
const chains = new Map<string, Promise<unknown>>();

async function findImported(ws: Workspace, checksum: string): Promise<WorkspaceItem | null> {
  for (const item of await ws.listItems('model')) {
    if (item.status !== 'ok' || item.manifest.kind !== 'model') continue;
    const p = item.manifest.provenance;
    if (p.source === DEFAULT_MODEL_SOURCE && p.checksum === checksum) return item;
  }
  return null;
}

async function importOnce(ws: Workspace, resourcesDir: string): Promise<{ item: WorkspaceItem; created: boolean }> {
  const file = defaultModelPath('dfm', resourcesDir);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new StudioError('not-found', `the shipped default DFM model is missing: ${file} (run npm run train:default)`);
  }
  let decoded;
  try {
    decoded = decodeModelFile(bytes, { method: 'dfm', source: file });
  } catch (err) {
    throw new StudioError('internal', `the shipped default DFM model is unreadable: ${(err as Error).message}`);
  }
  const existing = await findImported(ws, decoded.checksum);
  if (existing) return { item: existing, created: false };
  const staging = await ws.createStaging('model');
  try {
    await writeFileAtomic(join(staging, MODEL_FILE), bytes);
    const item = await ws.commitItem('model', DEFAULT_MODEL_NAME, staging, {
      file: MODEL_FILE, method: 'dfm',
      provenance: {
        ...decoded.provenance, checksum: decoded.checksum, source: DEFAULT_MODEL_SOURCE, imageSize: decoded.config.imageSize,
        bytes: bytes.length,
      },
    });
    return { item, created: true };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Import (or find) the shipped default model; `created` says whether a new item was made. */
export function importDefaultModel(ws: Workspace, resourcesDir: string): Promise<{ item: WorkspaceItem; created: boolean }> {
  const prev = chains.get(ws.dir) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => importOnce(ws, resourcesDir));
  chains.set(ws.dir, next);
  return next;
}

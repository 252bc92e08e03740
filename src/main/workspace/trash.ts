// Trash: `trash/<trashId>/entry.json` (a TrashEntry) + `trash/<trashId>/item/` (the moved folder).
// The entry is written (in staging) before the item moves, so a trashed item always has a record.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError, TrashEntrySchema } from '../../shared';
import type { ItemKind, TrashEntry } from '../../shared';
import { moveAtomic, writeJsonAtomic } from './atomic';
import { randomSuffix } from './ids';
import { resolveInside } from './paths';
import type { Workspace } from './workspace';

const ENTRY_FILE = 'entry.json';
const ITEM_FOLDER = 'item';
const TRASH_ID = /^[a-z0-9-]{1,128}$/;

export async function moveToTrash(ws: Workspace, kind: ItemKind, id: string, name: string): Promise<TrashEntry> {
  const trashId = `${kind}-${id}-${randomSuffix()}`;
  const entry: TrashEntry = { trashId, kind, id, name, deletedAt: new Date().toISOString() };
  const staging = await ws.createStaging('trash');
  await writeJsonAtomic(join(staging, ENTRY_FILE), entry);
  const slot = join(ws.trashDir, trashId);
  await moveAtomic(staging, slot);
  await moveAtomic(ws.itemDir(kind, id), join(slot, ITEM_FOLDER));
  return entry;
}

async function readEntry(slot: string): Promise<TrashEntry | null> {
  try {
    const parsed = TrashEntrySchema.safeParse(JSON.parse(await readFile(join(slot, ENTRY_FILE), 'utf8')));
    if (!parsed.success) return null;
    const item = await stat(join(slot, ITEM_FOLDER)).catch(() => null);
    return item?.isDirectory() ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function listTrashEntries(trashDir: string): Promise<TrashEntry[]> {
  const names = await readdir(trashDir).catch(() => [] as string[]);
  const entries: TrashEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const entry = await readEntry(join(trashDir, name));
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

export async function restoreFromTrash(ws: Workspace, trashId: string): Promise<TrashEntry> {
  if (!TRASH_ID.test(trashId)) throw new StudioError('invalid-argument', `invalid trash id "${trashId}"`, 'trashId');
  const slot = resolveInside(ws.trashDir, trashId);
  const entry = await readEntry(slot);
  if (!entry) throw new StudioError('not-found', `no trash entry "${trashId}"`, 'trashId');
  const target = ws.itemDir(entry.kind, entry.id);
  if (await stat(target).catch(() => null)) {
    throw new StudioError('conflict', `cannot restore: a ${entry.kind} with id "${entry.id}" already exists`, 'trashId');
  }
  await moveAtomic(join(slot, ITEM_FOLDER), target);
  await rm(slot, { recursive: true, force: true });
  return entry;
}

// saveItemFile (desktop only): ask the shell for a target path with a save dialog, then copy one
// file of an item there atomically (temp file next to the target + fsync + rename). The file is
// confined to the item folder (ItemFileSchema rejects traversal; resolveInside and realpath check
// again, so a symlink inside the item cannot point the copy elsewhere).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, sep } from 'node:path';
import { StudioError } from '../../shared';
import type { ItemKind } from '../../shared';
import { resolveInside, writeFileAtomic } from '../workspace';
import type { Workspace } from '../workspace';

/** Shows a save dialog with a suggested file name; resolves the chosen absolute path, or null if cancelled. */
export type SaveDialog = (suggestedName: string) => Promise<string | null>;

export const SAVE_DIALOG_MISSING = 'saving through a dialog is only available in the desktop app; use Download';

export async function saveItemFile(
  ws: Workspace, dialog: SaveDialog | undefined, args: { kind: ItemKind; id: string; file: string },
): Promise<{ path: string | null }> {
  if (!dialog) throw new StudioError('forbidden', SAVE_DIALOG_MISSING);
  await ws.requireManifest(args.kind, args.id, 'id');
  const dir = ws.itemDir(args.kind, args.id);
  let source: string;
  try {
    source = resolveInside(dir, args.file);
  } catch {
    throw new StudioError('invalid-argument', `saveItemFile: file: "${args.file}" is not inside the ${args.kind} folder`, 'file');
  }
  const st = await stat(source).catch(() => null);
  if (!st?.isFile()) throw new StudioError('not-found', `saveItemFile: file: ${args.kind} "${args.id}" has no file "${args.file}"`, 'file');
  const [realDir, realSource] = await Promise.all([realpath(dir), realpath(source)]);
  if (!realSource.startsWith(realDir + sep)) {
    throw new StudioError('invalid-argument', `saveItemFile: file: "${args.file}" links outside the ${args.kind} folder`, 'file');
  }
  const target = await dialog(basename(args.file));
  if (target === null) return { path: null };
  if (!isAbsolute(target)) throw new StudioError('internal', `saveItemFile: the save dialog returned a relative path "${target}"`);
  if (target === realSource) return { path: target };
  await writeFileAtomic(target, createReadStream(realSource));
  return { path: target };
}

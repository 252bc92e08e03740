// Reading an item folder: the manifest is parsed and validated; anything wrong makes the item
// `damaged` with a reason (never dropped, never rewritten).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ManifestSchema } from '../../shared';
import type { ItemKind, Manifest, WorkspaceItem } from '../../shared';
import { PathEscapeError, resolveInside } from './paths';

export const MANIFEST_FILE = 'manifest.json';

/** Files a manifest refers to, relative to the item folder. */
export function referencedFiles(m: Manifest): string[] {
  const files: string[] = [];
  if (m.thumbnail) files.push(m.thumbnail);
  switch (m.kind) {
    case 'capture': files.push(m.root); break;
    case 'model': files.push(m.file); break;
    case 'scene': for (const f of Object.values(m.files)) if (f) files.push(f); break;
    case 'export': files.push(...m.files); break;
  }
  return files;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function readItem(itemDir: string, kind: ItemKind, id: string): Promise<WorkspaceItem> {
  const damaged = (reason: string): WorkspaceItem => ({ status: 'damaged', kind, id, reason });
  const file = join(itemDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return damaged(code === 'ENOENT' ? `${MANIFEST_FILE} is missing` : `${MANIFEST_FILE}: cannot read (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return damaged(`${MANIFEST_FILE}: invalid JSON (${(err as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    return damaged(`${MANIFEST_FILE}: field "${field}": ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  if (m.kind !== kind) return damaged(`${MANIFEST_FILE}: field "kind" is "${m.kind}" but the item is in the ${kind} folder`);
  if (m.id !== id) return damaged(`${MANIFEST_FILE}: field "id" is "${m.id}" but the folder is named "${id}"`);
  for (const rel of referencedFiles(m)) {
    let full: string;
    try {
      full = resolveInside(itemDir, rel);
    } catch (err) {
      if (err instanceof PathEscapeError) return damaged(`${MANIFEST_FILE}: path "${rel}" points outside the item folder`);
      throw err;
    }
    if (!(await exists(full))) return damaged(`missing file "${rel}" referenced by ${MANIFEST_FILE}`);
  }
  return { status: 'ok', kind, id, manifest: m };
}

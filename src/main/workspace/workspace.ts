// The workspace: a folder artists can see and copy. Items live in `<kind folder>/<id>/` with a
// validated manifest.json; new items are built in a staging folder under `.jobs/staging` and
// moved into place with one rename; deletes move items to `trash/`.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  ItemIdSchema, KIND_FOLDERS, MANIFEST_SCHEMA_VERSION, ManifestSchema, StudioError,
} from '../../shared';
import type { ItemKind, Manifest, TrashEntry, WorkspaceItem } from '../../shared';
import { moveAtomic, removeStaleTempFiles, writeJsonAtomic } from './atomic';
import { makeItemId } from './ids';
import { MANIFEST_FILE, readItem } from './manifest-read';
import { resolveInside } from './paths';
import { listTrashEntries, restoreFromTrash, moveToTrash } from './trash';

export const JOBS_FOLDER = '.jobs';
export const TRASH_FOLDER = 'trash';
const STALE_STAGING_MS = 24 * 3600 * 1000;
const ITEM_KINDS = Object.keys(KIND_FOLDERS) as ItemKind[];

/** Kind-specific manifest fields; the workspace fills in the common ones. */
export type ManifestFields = Record<string, unknown> & { thumbnail?: string };

export class Workspace {
  private constructor(readonly dir: string) {}

  /** Open (creating if needed) the workspace folder and its standard sub-folders. */
  static async open(dir: string): Promise<Workspace> {
    const ws = new Workspace(resolve(dir));
    for (const kind of ITEM_KINDS) await mkdir(ws.kindDir(kind), { recursive: true });
    await mkdir(ws.trashDir, { recursive: true });
    await mkdir(ws.stagingRoot, { recursive: true });
    for (const kind of ITEM_KINDS) await removeStaleTempFiles(ws.kindDir(kind));
    // Staging folders of writes that never completed are not items: clear old ones (a day, so a
    // write in progress in another process is never touched).
    for (const name of await readdir(ws.stagingRoot)) {
      const p = join(ws.stagingRoot, name);
      const st = await stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > STALE_STAGING_MS) await rm(p, { recursive: true, force: true });
    }
    return ws;
  }

  get jobsDir(): string { return join(this.dir, JOBS_FOLDER); }
  get trashDir(): string { return join(this.dir, TRASH_FOLDER); }
  get stagingRoot(): string { return join(this.jobsDir, 'staging'); }

  kindDir(kind: ItemKind): string {
    return join(this.dir, KIND_FOLDERS[kind]);
  }

  itemDir(kind: ItemKind, id: string): string {
    if (!ItemIdSchema.safeParse(id).success) throw new StudioError('invalid-argument', `invalid item id "${id}"`, 'id');
    return resolveInside(this.kindDir(kind), id);
  }

  /** Absolute path of a workspace-relative path; rejects traversal. */
  resolve(rel: string): string {
    return resolveInside(this.dir, rel);
  }

  async listItems(kind?: ItemKind): Promise<WorkspaceItem[]> {
    const out: WorkspaceItem[] = [];
    for (const k of kind ? [kind] : ITEM_KINDS) {
      const names = await readdir(this.kindDir(k)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (name.startsWith('.')) continue;
        const full = join(this.kindDir(k), name);
        if (!(await stat(full)).isDirectory()) continue;
        out.push(ItemIdSchema.safeParse(name).success
          ? await readItem(full, k, name)
          : { status: 'damaged', kind: k, id: name, reason: `folder name "${name}" is not a valid item id` });
      }
    }
    const time = (i: WorkspaceItem) => (i.status === 'ok' ? i.manifest.createdAt : '');
    return out.sort((a, b) => time(b).localeCompare(time(a)) || a.id.localeCompare(b.id));
  }

  async getItem(kind: ItemKind, id: string): Promise<WorkspaceItem> {
    const dir = this.itemDir(kind, id);
    const st = await stat(dir).catch(() => null);
    if (!st?.isDirectory()) throw new StudioError('not-found', `no ${kind} with id "${id}"`, 'id');
    return readItem(dir, kind, id);
  }

  /** The manifest of an intact item; not-found / conflict (damaged) otherwise. */
  async requireManifest(kind: ItemKind, id: string, field = 'id'): Promise<Manifest> {
    let item: WorkspaceItem;
    try {
      item = await this.getItem(kind, id);
    } catch (err) {
      if (err instanceof StudioError) throw new StudioError(err.code, err.message, field);
      throw err;
    }
    if (item.status !== 'ok') throw new StudioError('conflict', `${kind} "${id}" is damaged: ${item.reason}`, field);
    return item.manifest;
  }

  /** A fresh, empty staging folder inside the workspace (same filesystem as the items). */
  async createStaging(prefix = 'stage'): Promise<string> {
    const dir = join(this.stagingRoot, `${prefix}-${randomBytes(6).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Turn a fully written staging folder into a new item: write its manifest (validated) into the
   * folder, then rename the folder into `<kind folder>/<new id>`.
   */
  async commitItem(kind: ItemKind, name: string, stagingDir: string, fields: ManifestFields): Promise<WorkspaceItem> {
    const now = new Date().toISOString();
    const id = makeItemId(name, kind);
    const parsed = ManifestSchema.safeParse({
      ...fields, schemaVersion: MANIFEST_SCHEMA_VERSION, id, name, kind, createdAt: now, updatedAt: now,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StudioError('internal', `new ${kind} manifest: field "${issue?.path.join('.')}": ${issue?.message}`);
    }
    await writeJsonAtomic(join(stagingDir, MANIFEST_FILE), parsed.data);
    const target = this.itemDir(kind, id);
    await moveAtomic(stagingDir, target);
    return readItem(target, kind, id);
  }

  async renameItem(kind: ItemKind, id: string, name: string): Promise<WorkspaceItem> {
    const manifest = await this.requireManifest(kind, id);
    const next = { ...manifest, name, updatedAt: new Date().toISOString() };
    await writeJsonAtomic(join(this.itemDir(kind, id), MANIFEST_FILE), next);
    return this.getItem(kind, id);
  }

  /** Move an item (intact or damaged) to the trash, with a record. */
  async deleteItem(kind: ItemKind, id: string): Promise<TrashEntry> {
    const item = await this.getItem(kind, id);
    const name = item.status === 'ok' ? item.manifest.name : id;
    return moveToTrash(this, kind, id, name);
  }

  listTrash(): Promise<TrashEntry[]> {
    return listTrashEntries(this.trashDir);
  }

  /** Move a trashed item back; refuses if an item with the same id exists again. */
  async restoreItem(trashId: string): Promise<WorkspaceItem> {
    const entry = await restoreFromTrash(this, trashId);
    return readItem(this.itemDir(entry.kind, entry.id), entry.kind, entry.id);
  }
}

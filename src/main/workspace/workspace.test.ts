import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared';
import { resolveInside, resolveWorkspaceDir } from './paths';
import { Workspace } from './workspace';

let root = '';
let ws: Workspace;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'px-ws-'));
  ws = await Workspace.open(root);
});
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

async function makeScene(name: string) {
  const staging = await ws.createStaging();
  await writeFile(join(staging, 'scene.bin'), new Uint8Array([1, 2, 3]));
  return ws.commitItem('scene', name, staging, {
    origin: 'reconstruction', files: { field: 'scene.bin' }, metrics: { psnr: 31 },
  });
}

describe('Workspace', () => {
  it('creates the standard folders', async () => {
    const names = await readdir(root);
    for (const n of ['captures', 'models', 'scenes', 'exports', 'trash', '.jobs']) expect(names).toContain(n);
  });

  it('commits a staged item with a readable id and a valid manifest', async () => {
    const item = await makeScene('Lego Truck!');
    expect(item.status).toBe('ok');
    expect(item.id).toMatch(/^lego-truck-[a-z0-9]{6}$/);
    expect(await readdir(join(root, '.jobs', 'staging'))).toEqual([]);
    const list = await ws.listItems('scene');
    expect(list.map((i) => i.id)).toEqual([item.id]);
  });

  it('lists damaged items with the reason and never rewrites them', async () => {
    const good = await makeScene('good');
    const dirs = ['bad-json', 'bad-schema', 'missing-file', 'no-manifest'].map((n) => join(root, 'scenes', n));
    for (const d of dirs) await mkdir(d);
    await writeFile(join(dirs[0], 'manifest.json'), '{ not json');
    await writeFile(join(dirs[1], 'manifest.json'), JSON.stringify({ schemaVersion: 1, kind: 'scene', id: 'bad-schema' }));
    const ok = JSON.parse(await readFile(join(root, 'scenes', good.id, 'manifest.json'), 'utf8'));
    await writeFile(join(dirs[2], 'manifest.json'), JSON.stringify({ ...ok, id: 'missing-file', files: { field: 'gone.bin' } }));
    const items = await ws.listItems();
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(items).toHaveLength(5);
    expect(byId[good.id].status).toBe('ok');
    const reason = (id: string) => { const i = byId[id]; return i.status === 'damaged' ? i.reason : 'ok'; };
    expect(reason('bad-json')).toMatch(/invalid JSON/);
    expect(reason('bad-schema')).toMatch(/field "name"/);
    expect(reason('missing-file')).toMatch(/missing file "gone.bin"/);
    expect(reason('no-manifest')).toMatch(/manifest.json is missing/);
    expect(await readFile(join(dirs[0], 'manifest.json'), 'utf8')).toBe('{ not json');
    await expect(ws.renameItem('scene', 'bad-json', 'x')).rejects.toThrow(/damaged/);
  });

  it('rename, delete to trash and restore round trip', async () => {
    const item = await makeScene('first');
    const renamed = await ws.renameItem('scene', item.id, 'Renamed');
    expect(renamed.status === 'ok' && renamed.manifest.name).toBe('Renamed');
    const entry = await ws.deleteItem('scene', item.id);
    expect(entry).toMatchObject({ kind: 'scene', id: item.id, name: 'Renamed' });
    expect(await ws.listItems('scene')).toEqual([]);
    expect((await ws.listTrash()).map((e) => e.trashId)).toEqual([entry.trashId]);
    const restored = await ws.restoreItem(entry.trashId);
    expect(restored.status).toBe('ok');
    expect(await readFile(join(root, 'scenes', item.id, 'scene.bin'))).toEqual(Buffer.from([1, 2, 3]));
    expect(await ws.listTrash()).toEqual([]);
  });

  it('restore refuses to clobber an existing id', async () => {
    const item = await makeScene('twin');
    const entry = await ws.deleteItem('scene', item.id);
    await mkdir(join(root, 'scenes', item.id));
    await writeFile(join(root, 'scenes', item.id, 'keep.txt'), 'mine');
    const err = await ws.restoreItem(entry.trashId).catch((e) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('conflict');
    expect(await readFile(join(root, 'scenes', item.id, 'keep.txt'), 'utf8')).toBe('mine');
    expect(await ws.listTrash()).toHaveLength(1);
  });

  it('rejects path traversal and bad ids', () => {
    expect(() => resolveInside(root, '../etc/passwd')).toThrow(/escapes/);
    expect(() => resolveInside(root, '/etc/passwd')).toThrow(/escapes/);
    expect(() => resolveInside(root, 'scenes/../../x')).toThrow(/escapes/);
    expect(resolveInside(root, 'scenes/a/b.png')).toBe(join(root, 'scenes/a/b.png'));
    expect(() => ws.itemDir('scene', '../x')).toThrow(/invalid item id/);
  });

  it('resolves the workspace location from option, env, documents', () => {
    expect(resolveWorkspaceDir('/tmp/w', {})).toBe('/tmp/w');
    expect(resolveWorkspaceDir(undefined, { PARALLAX_WORKSPACE: '/tmp/e' })).toBe('/tmp/e');
    expect(resolveWorkspaceDir(undefined, { XDG_DOCUMENTS_DIR: '/tmp/docs' })).toBe('/tmp/docs/Parallax Studio');
  });
});

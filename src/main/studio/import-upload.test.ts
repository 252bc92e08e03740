// importCapture with photos, zips and web-mode uploads, and getCaptureCameras, against the real
// Studio service (and, for uploads, the real web server over HTTP).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoScene, renderProceduralCapture } from '../../engine/data';
import { writeBlenderCapture } from '../capture-io';
import { buildTestZip, zipEntriesOfFolder } from '../capture-io/zip-fixtures';
import { startWebServer } from '../server';
import { createStudioService } from './studio-service';
import type { StudioService } from './studio-service';

let base = '';
let service: StudioService | null = null;
beforeEach(async () => { base = await mkdtemp(join(tmpdir(), 'px-import2-')); });
afterEach(async () => {
  await service?.close();
  service = null;
  await rm(base, { recursive: true, force: true });
});

const open = async () => (service = await createStudioService({ workspaceDir: join(base, 'ws'), host: 'web', backend: 'cpu' }));
const staging = (ws = join(base, 'ws')) => readdir(join(ws, '.jobs', 'staging'));

async function writeCapture(dir: string) {
  const { capture } = renderProceduralCapture({ scene: demoScene(), width: 16, height: 16, views: { train: 3, test: 1 }, supersample: 1 });
  await writeBlenderCapture(dir, capture);
}

async function photo(path: string, width = 40, height = 30) {
  await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toFile(path);
}

function manifestOf(item: Awaited<ReturnType<StudioService['importCapture']>>) {
  if (item.status !== 'ok' || item.manifest.kind !== 'capture') throw new Error('expected an intact capture');
  return item.manifest;
}

describe('importCapture sources', () => {
  it('a single photo becomes a one-view images capture with a placeholder pose', async () => {
    await photo(join(base, 'My Photo.png'));
    const s = await open();
    const m = manifestOf(await s.importCapture({ path: join(base, 'My Photo.png') }));
    expect(m).toMatchObject({ name: 'My Photo', format: 'images', imageCount: 1, width: 40, height: 30, source: join(base, 'My Photo.png') });
    expect(m.warnings.join(' ')).toContain('placeholder poses');
    const cams = await s.getCaptureCameras({ id: m.id });
    expect(cams.views).toHaveLength(1);
    expect(cams.views[0]).toMatchObject({ file: 'My Photo.png', width: 40, height: 30 });
    expect(await staging()).toEqual([]);
  });

  it('a text file is refused with a message naming it', async () => {
    await writeFile(join(base, 'notes.txt'), 'hello');
    const s = await open();
    const err = await s.importCapture({ path: join(base, 'notes.txt') }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid-argument', field: 'path' });
    expect(err.message).toContain('"notes.txt" is not a capture folder, a photo');
  });

  it('a zip whose content is one folder imports that folder', async () => {
    await writeCapture(join(base, 'lego'));
    const zip = join(base, 'archive.zip');
    await writeFile(zip, buildTestZip([{ name: 'lego/' }, ...(await zipEntriesOfFolder(join(base, 'lego'), 'lego/')), { name: '__MACOSX/lego/._x', data: 'junk' }]));
    const s = await open();
    const m = manifestOf(await s.importCapture({ path: zip }));
    expect(m).toMatchObject({ name: 'lego', format: 'blender', imageCount: 4, source: zip });
    expect(existsSync(join(base, 'ws', 'captures', m.id, 'capture', 'transforms_train.json'))).toBe(true);
    expect(await staging()).toEqual([]);
    expect(existsSync(zip)).toBe(true);
  });

  it('a zip with a traversal entry or a symlink is refused, names the entry and leaves nothing behind', async () => {
    const s = await open();
    for (const [file, entries, why] of [
      ['trav.zip', [{ name: 'ok.png', data: 'x' }, { name: '../../evil.png', data: 'x' }], 'entry "../../evil.png": path traversal'],
      ['link.zip', [{ name: 'cap/link', data: '/etc', unixMode: 0o120777, method: 'store' as const }], 'entry "cap/link": symbolic links are not allowed'],
    ] as const) {
      await writeFile(join(base, file), buildTestZip([...entries]));
      const err = await s.importCapture({ path: join(base, file) }).catch((e) => e);
      expect(err).toMatchObject({ code: 'invalid-argument', field: 'path' });
      expect(err.message).toContain(`zip file refused: ${file}: ${why}`);
    }
    expect(await s.listItems({})).toEqual([]);
    expect(await staging()).toEqual([]);
    expect(existsSync(join(base, 'ws', 'evil.png'))).toBe(false);
  });

  it('a zip of loose photos imports them as an images capture named after the zip', async () => {
    await mkdir(join(base, 'p'));
    await photo(join(base, 'p', 'a.png'));
    await photo(join(base, 'p', 'b.png'));
    const zip = join(base, 'holiday.zip');
    await writeFile(zip, buildTestZip(await zipEntriesOfFolder(join(base, 'p'))));
    const s = await open();
    expect(manifestOf(await s.importCapture({ path: zip }))).toMatchObject({ name: 'holiday', format: 'images', imageCount: 2 });
  });

  it('getCaptureCameras returns column-major poses, intrinsics at file size, splits and the aabb', async () => {
    await writeCapture(join(base, 'cap'));
    const s = await open();
    const m = manifestOf(await s.importCapture({ path: join(base, 'cap') }));
    expect(existsSync(join(base, 'cap', 'transforms_train.json'))).toBe(true); // the user's folder is copied, never moved
    const cams = await s.getCaptureCameras({ id: m.id });
    expect(cams.format).toBe('blender');
    expect(cams.views.map((v) => v.split).sort()).toEqual(['test', 'train', 'train', 'train']);
    for (const v of cams.views) {
      expect(v).toMatchObject({ width: 16, height: 16 });
      expect(v.fx).toBeGreaterThan(0);
      expect(v.cx).toBeCloseTo(8, 5);
      expect(v.c2w.slice(12)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 1]); // translation in 12..14
      expect([v.c2w[3], v.c2w[7], v.c2w[11]]).toEqual([0, 0, 0]);
    }
    expect(cams.aabb!.min.every((x, i) => x < cams.aabb!.max[i])).toBe(true);
    expect(await s.getCaptureCameras({ id: m.id })).toBe(cams); // cached
    const missing = await s.getCaptureCameras({ id: 'nope-abc123' }).catch((e) => e);
    expect(missing).toMatchObject({ code: 'not-found', field: 'id' });
  });
});

describe('importCapture({ uploadId }) through POST /upload', () => {
  async function upload(port: number, token: string, id: string, rel: string, body: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port, method: 'POST', path: `/upload?upload=${id}&path=${encodeURIComponent(rel)}`, agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('imports an uploaded folder and deletes the staging folder, also when the import fails', async () => {
    await writeCapture(join(base, 'lego'));
    const s = await open();
    const renderer = join(base, 'renderer');
    await mkdir(renderer);
    await writeFile(join(renderer, 'index.html'), '<!doctype html>');
    const server = await startWebServer({ service: s, rendererDir: renderer });
    try {
      const id = 'upload-0123456789ab';
      for (const e of await zipEntriesOfFolder(join(base, 'lego'), 'lego/')) {
        expect(await upload(server.port, server.token, id, e.name, Buffer.from(e.data as Uint8Array))).toBe(201);
      }
      const m = manifestOf(await s.importCapture({ uploadId: id }));
      expect(m).toMatchObject({ name: 'lego', format: 'blender', imageCount: 4 });
      expect(m.source).toContain('upload: lego');
      expect(existsSync(join(base, 'ws', '.uploads', id))).toBe(false);

      // A broken capture: the error names the file and the field; the staging folder is removed.
      const bad = 'upload-badbadbad0';
      for (const e of await zipEntriesOfFolder(join(base, 'lego'))) {
        const data = e.name === 'transforms_train.json'
          ? Buffer.from(String(Buffer.from(e.data as Uint8Array)).replace(/"transform_matrix": \[\s*\[\s*[-0-9.e]+/, '"transform_matrix": [["NaN"'))
          : Buffer.from(e.data as Uint8Array);
        expect(await upload(server.port, server.token, bad, e.name, data)).toBe(201);
      }
      const err = await s.importCapture({ uploadId: bad }).catch((x) => x);
      expect(err).toMatchObject({ code: 'invalid-argument', field: 'uploadId' });
      expect(err.message).toMatch(/^not a valid capture \(Uploaded capture\): transforms_train\.json \[frames\[0\]\.transform_matrix/);
      expect(existsSync(join(base, 'ws', '.uploads', bad))).toBe(false);
      expect(relative(join(base, 'ws'), join(base, 'ws', '.uploads'))).toBe('.uploads');
      const gone = await s.importCapture({ uploadId: bad }).catch((x) => x);
      expect(gone).toMatchObject({ code: 'not-found', field: 'uploadId' });
    } finally {
      await server.close();
    }
  });

  it('one uploaded photo is named after the photo', async () => {
    const s = await open();
    const dir = join(base, 'ws', '.uploads', 'upload-onephoto01');
    await mkdir(dir, { recursive: true });
    await photo(join(dir, 'teapot.webp'));
    expect(manifestOf(await s.importCapture({ uploadId: 'upload-onephoto01' }))).toMatchObject({ name: 'teapot', format: 'images', imageCount: 1 });
  });

  it('several uploaded photos become one images capture', async () => {
    const s = await open();
    const id = 'upload-photos0001';
    const dir = join(base, 'ws', '.uploads', id);
    await mkdir(dir, { recursive: true });
    for (const n of ['a.jpg', 'b.png', 'c.png']) await photo(join(dir, n));
    const m = manifestOf(await s.importCapture({ uploadId: id }));
    expect(m).toMatchObject({ name: 'Photos (3)', format: 'images', imageCount: 3 });
    expect(existsSync(dir)).toBe(false);
  });
});

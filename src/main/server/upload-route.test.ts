// POST /upload over real HTTP on loopback: the same guard as /api, confinement of the relative
// path, limits, and clean-up of abandoned staging folders at server start.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingStudio } from './test-fixtures';
import { startWebServer, type WebServerHandle } from './web-server';

interface Reply { status: number; body: string; json: Record<string, unknown> | null }

function post(server: WebServerHandle, path: string, body: Buffer | string, headers: Record<string, string>, chunked = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: Record<string, unknown> | null = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    req.on('error', reject);
    if (chunked) {
      // No Content-Length: the server can only count while reading.
      const buf = Buffer.from(body);
      for (let i = 0; i < buf.length; i += 1024) req.write(buf.subarray(i, i + 1024));
      req.end();
    } else req.end(body);
  });
}

const ID = 'upload-abcdef0123';

describe('POST /upload', () => {
  let base: string;
  let workspace: string;
  let server: WebServerHandle;
  let h: Record<string, string>;
  const url = (path: string, id = ID) => `/upload?upload=${id}&path=${encodeURIComponent(path)}`;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'px-upload-'));
    workspace = join(base, 'workspace');
    const renderer = join(base, 'renderer');
    await mkdir(renderer, { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html>');
    // Left over by an earlier run: must be gone once the server has started.
    await mkdir(join(workspace, '.uploads', 'upload-stale00000', 'a'), { recursive: true });
    await writeFile(join(workspace, '.uploads', 'upload-stale00000', 'a', 'x.png'), 'old');
    server = await startWebServer({
      service: createRecordingStudio(workspace), rendererDir: renderer,
      uploadLimits: { maxFileBytes: 4096, maxUploadBytes: 10_000, maxFiles: 5, maxUploads: 3 },
    });
    h = {
      cookie: `parallax_session_${server.port}=${server.token}`,
      origin: `http://127.0.0.1:${server.port}`,
      'content-type': 'application/octet-stream',
    };
  });
  afterAll(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('clears staging folders left by a previous run at start', async () => {
    expect(await readdir(join(workspace, '.uploads'))).toEqual([]);
  });

  it('writes the body to .uploads/<id>/<path> and answers 201 with the byte count', async () => {
    const r = await post(server, url('lego/train/r_0.png'), 'PNGDATA', h);
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ uploadId: ID, path: 'lego/train/r_0.png', bytes: 7 });
    expect(await readFile(join(workspace, '.uploads', ID, 'lego', 'train', 'r_0.png'), 'utf8')).toBe('PNGDATA');
  });

  it('requires the session token, this Host and this Origin, like /api', async () => {
    const { cookie: _c, ...noToken } = h;
    expect((await post(server, url('a.png'), 'x', noToken)).status).toBe(401);
    expect((await post(server, url('a.png'), 'x', { ...noToken, authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await post(server, url('a.png'), 'x', { ...h, origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(server, url('a.png'), 'x', { ...h, host: `evil.example:${server.port}` })).status).toBe(403);
    expect(existsSync(join(workspace, '.uploads', ID, 'a.png'))).toBe(false);
  });

  it.each([
    ['../escape.png', 'traversal'], ['lego/../../escape.png', 'traversal'], ['/etc/escape.png', 'absolute'],
    ['C:/escape.png', 'drive letter'], ['lego\\..\\escape.png', 'backslash'], ['a\u0000.png', 'NUL'],
    ['', 'empty'], ['x'.repeat(1100), 'longer than'],
  ])('refuses the path %j with a 400 naming the field', async (path, why) => {
    const r = await post(server, url(path), 'evil', h);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'invalid-argument', field: 'path' });
    expect(String(r.json?.message)).toContain(why);
    expect(existsSync(join(workspace, '.uploads', 'escape.png'))).toBe(false);
    expect(existsSync(join(workspace, 'escape.png'))).toBe(false);
  });

  it('refuses traversal hidden in percent-encoding of the query', async () => {
    const r = await post(server, `/upload?upload=${ID}&path=%2e%2e%2fescape.png`, 'evil', h);
    expect(r.status).toBe(400);
    expect(existsSync(join(workspace, '.uploads', 'escape.png'))).toBe(false);
  });

  it('refuses bad upload ids, other content types, GET and duplicates', async () => {
    for (const id of ['upload-..', 'upload-ABC12345', 'x', '../upload-abcdef0123']) {
      const r = await post(server, url('a.png', encodeURIComponent(id)), 'x', h);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ field: 'upload' });
    }
    expect((await post(server, url('form.png'), 'x', { ...h, 'content-type': 'multipart/form-data' })).status).toBe(415);
    expect((await post(server, url('dup.png'), 'one', h)).status).toBe(201);
    const dup = await post(server, url('dup.png'), 'two', h);
    expect(dup.status).toBe(409);
    expect(await readFile(join(workspace, '.uploads', ID, 'dup.png'), 'utf8')).toBe('one');
    const under = await post(server, url('dup.png/inside.png'), 'x', h);
    expect(under.status).toBe(409);
  });

  it('enforces the per-file limit by Content-Length and while streaming', async () => {
    const big = Buffer.alloc(5000, 1);
    const declared = await post(server, url('big.bin', 'upload-limit0001'), big, h);
    expect(declared.status).toBe(413);
    expect(String(declared.json?.message)).toContain('per-file limit of 4096 bytes');
    const streamed = await post(server, url('big.bin', 'upload-limit0001'), big, h, true);
    expect(streamed.status).toBe(413);
    expect(existsSync(join(workspace, '.uploads', 'upload-limit0001', 'big.bin'))).toBe(false);
  });

  it('enforces the per-upload byte and file limits and the number of uploads', async () => {
    const id = 'upload-limit0002';
    const chunk = Buffer.alloc(4000, 2);
    expect((await post(server, url('a.bin', id), chunk, h)).status).toBe(201);
    expect((await post(server, url('b.bin', id), chunk, h)).status).toBe(201);
    const third = await post(server, url('c.bin', id), chunk, h);
    expect(third.status).toBe(413);
    expect(String(third.json?.message)).toContain('limit of 10000 bytes');
    for (const n of ['d', 'e', 'f']) expect((await post(server, url(`${n}.txt`, id), 'x', h)).status).toBe(201);
    const sixth = await post(server, url('g.txt', id), 'x', h);
    expect(sixth.status).toBe(413);
    expect(String(sixth.json?.message)).toContain('limit of 5 files');
    // Three uploads are in progress now (ID, limit0001, limit0002): a fourth is refused...
    expect((await post(server, url('a.txt', 'upload-limit0003'), 'x', h)).status).toBe(429);
    // ...until one is imported (its folder removed by the service).
    await rm(join(workspace, '.uploads', id), { recursive: true });
    expect((await post(server, url('a.txt', 'upload-limit0003'), 'x', h)).status).toBe(201);
  });
});

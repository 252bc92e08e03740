// Real HTTP and WebSocket on loopback against startWebServer.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRecordingStudio, type RecordingStudio } from './test-fixtures';
import { startWebServer, type WebServerHandle } from './web-server';

interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** Send a request with the path exactly as given (no URL normalisation). */
function raw(server: WebServerHandle, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('startWebServer', () => {
  let base: string;
  let studio: RecordingStudio;
  let server: WebServerHandle;
  let auth: Record<string, string>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'webserver-'));
    const renderer = join(base, 'renderer');
    const workspace = join(base, 'workspace');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await mkdir(join(workspace, 'scenes', 's1'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(workspace, 'scenes', 's1', 'preview.png'), 'PNGDATA');
    await writeFile(join(workspace, 'scenes', 's1', 'note.html'), '<script>alert(1)</script>');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(join(base, 'secret.txt'), join(workspace, 'leak.txt'));
    studio = createRecordingStudio(workspace);
    server = await startWebServer({ service: studio, rendererDir: renderer });
    auth = { cookie: `parallax_session_${server.port}=${server.token}` };
  });
  afterAll(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('binds loopback and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const res = await raw(server, `/?token=${server.token}&x=1`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?x=1');
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect((await raw(server, '/?token=wrong')).status).toBe(403);
    for (const path of ['//evil.example/x', '/\\evil.example/x']) {
      const open = await raw(server, `${path}?token=${server.token}`);
      expect(open.headers.location).toBe('/');
    }
  });

  it('serves the renderer with CSP and nosniff only to token holders', async () => {
    expect((await raw(server, '/')).status).toBe(401);
    const page = await raw(server, '/', { headers: auth });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>studio</title>');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' data: blob: ws://127.0.0.1:${server.port}`);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const js = await raw(server, '/assets/app.js', { headers: auth });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses wrong tokens, foreign Host and foreign Origin', async () => {
    expect((await raw(server, '/api/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const wrong = { 'content-type': 'application/json', authorization: 'Bearer nope' };
    expect((await raw(server, '/api/getInfo', { method: 'POST', headers: wrong })).status).toBe(403);
    const host = { ...auth, host: `evil.example:${server.port}` };
    expect((await raw(server, '/', { headers: host })).status).toBe(403);
    const origin = { ...auth, 'content-type': 'application/json', origin: 'http://evil.example' };
    expect((await raw(server, '/api/getInfo', { method: 'POST', headers: origin, body: '{}' })).status).toBe(403);
  });

  it('calls the service over POST /api/<method> with parsed arguments', async () => {
    const headers = {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      origin: `http://127.0.0.1:${server.port}`,
    };
    const ok = await raw(server, '/api/getInfo', { method: 'POST', headers, body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ backend: 'cpu', host: 'web' });
    const bad = await raw(server, '/api/listItems', { method: 'POST', headers, body: '{"kind":"banana"}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'invalid-argument', field: 'kind' });
    const nf = await raw(server, '/api/getItem', { method: 'POST', headers, body: '{"kind":"scene","id":"x"}' });
    expect(nf.status).toBe(404);
    const err = await raw(server, '/api/importCapture', { method: 'POST', headers, body: '{"path":"/x"}' });
    expect(err.status).toBe(500);
    expect(JSON.parse(err.body)).toEqual({ code: 'internal', message: 'disk on fire' });
    expect((await raw(server, '/api/constructor', { method: 'POST', headers, body: '{}' })).status).toBe(404);
    expect((await raw(server, '/api/%E0%A4%A', { method: 'POST', headers, body: '{}' })).status).toBe(404);
    expect((await raw(server, '/api/getInfo', { method: 'POST', headers, body: '{oops' })).status).toBe(400);
    expect((await raw(server, '/api/getInfo', { method: 'GET', headers })).status).toBe(405);
    const form = { ...headers, 'content-type': 'text/plain' };
    expect((await raw(server, '/api/getInfo', { method: 'POST', headers: form, body: '{}' })).status).toBe(415);
  });

  it('serves workspace files confined to the workspace', async () => {
    const ok = await raw(server, '/files/scenes/s1/preview.png', { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('PNGDATA');
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.headers['content-security-policy']).toContain('sandbox');
    const html = await raw(server, '/files/scenes/s1/note.html', { headers: auth });
    expect(html.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await raw(server, '/files/scenes/s1/preview.png')).status).toBe(401);
    for (const path of [
      '/files/../secret.txt', '/files/scenes/../../secret.txt', '/files/%2e%2e/secret.txt',
      '/files/..%2fsecret.txt', '/files/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/files//etc/passwd',
      '/files/scenes/s1/preview.png%00.txt', '/files/leak.txt',
    ]) {
      const res = await raw(server, path, { headers: auth });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body).not.toContain('secret');
    }
    expect((await raw(server, '/files/scenes/s1/missing.png', { headers: auth })).status).toBe(404);
  });

  it('streams events over /events to token holders only', async () => {
    const url = `ws://127.0.0.1:${server.port}/events`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    const foreign = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers: auth, origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(foreign).toBe(403);

    const ws = new WebSocket(url, { headers: auth, origin: `http://127.0.0.1:${server.port}` });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const received = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    studio.emit({ type: 'workspace', kind: 'scene' });
    expect(await received).toEqual({ type: 'workspace', kind: 'scene' });
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(studio.listenerCount()).toBe(0);
  });

  it('can restart on the same port with the same token', async () => {
    const { port, token } = server;
    await server.close();
    server = await startWebServer({ service: studio, rendererDir: join(base, 'renderer'), port, token });
    expect(server.port).toBe(port);
    expect((await raw(server, '/', { headers: auth })).status).toBe(200);
  });
});

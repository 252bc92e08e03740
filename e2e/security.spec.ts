// Web-mode security against the real backend (child process) and Debian Chromium: the
// session token, Host/Origin checks, and confinement of /files and parallax:// paths.
import { createServer, type Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { handleParallaxRequest } from '../src/main/electron/protocol-handler';
import { rawRequest } from './helpers/raw-http';
import { startStudioServer, type StudioServer } from './helpers/server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer({ backend: 'cpu' });
  await mkdir(join(server.workspaceDir, 'scenes', 's1'), { recursive: true });
  await writeFile(join(server.workspaceDir, 'scenes', 's1', 'preview.png'), 'PNG');
  await writeFile(join(server.workspaceDir, '..', `secret-${server.port}.txt`), 'TOP SECRET');
});
test.afterAll(async () => {
  await server?.stop();
});

test('no token: page, API, files and events are refused', async ({ page }) => {
  const res = await page.goto(server.origin);
  expect(res?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('session token');
  expect((await rawRequest(server.port, '/api/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  expect((await rawRequest(server.port, '/files/scenes/s1/preview.png')).status).toBe(401);
  const ws = await rawRequest(server.port, '/events', { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
  expect(ws.status).toBe(401);
});

test('wrong token is refused; the right one becomes an HttpOnly SameSite=Strict cookie', async ({ page, context }) => {
  expect((await page.goto(`${server.origin}/?token=${'A'.repeat(43)}`))?.status()).toBe(403);
  const bearer = { 'content-type': 'application/json', authorization: `Bearer ${'A'.repeat(43)}` };
  expect((await rawRequest(server.port, '/api/getInfo', { method: 'POST', headers: bearer, body: '{}' })).status).toBe(403);
  expect((await rawRequest(server.port, '/', { headers: { cookie: `parallax_session_${server.port}=nope` } })).status).toBe(403);

  const ok = await page.goto(server.url);
  expect(ok?.status()).toBe(200);
  expect(page.url()).toBe(`${server.origin}/`); // token stripped from the address bar
  const cookie = (await context.cookies()).find((c) => c.name === `parallax_session_${server.port}`);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: server.token });
  expect(ok?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(ok?.headers()['x-content-type-options']).toBe('nosniff');
  // The page's own origin may call the API with the cookie.
  const info = await page.evaluate(async () => {
    const r = await fetch('/api/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { status: r.status, body: await r.json() };
  });
  expect(info.status).toBe(200);
  expect(info.body).toMatchObject({ host: 'web' });
  const socket = await page.evaluate(() => new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://${location.host}/events`);
    ws.onopen = () => { ws.close(); resolve('open'); };
    ws.onerror = () => resolve('refused');
  }));
  expect(socket).toBe('open');
});

test('a foreign Origin is refused even when the browser sends the cookie', async ({ page }) => {
  await page.goto(server.url); // the browser now holds the session cookie
  // Another local port is the same *site* (cookies flow) but a different *origin*.
  const foreign: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>foreign</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const foreignPort = (foreign.address() as { port: number }).port;
  try {
    await page.goto(`http://127.0.0.1:${foreignPort}/`);
    const outcome = await page.evaluate(async (port) => {
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/events`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
      let post = 'sent';
      await fetch(`http://127.0.0.1:${port}/api/deleteItem`, {
        method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"kind":"scene","id":"s1"}',
      }).catch(() => (post = 'blocked'));
      return { socket, post };
    }, server.port);
    expect(outcome.socket).toBe('refused');
  } finally {
    foreign.close();
  }
  const origin = { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, origin: 'http://evil.example' };
  expect((await rawRequest(server.port, '/api/getInfo', { method: 'POST', headers: origin, body: '{}' })).status).toBe(403);
  const sameSite = { ...origin, origin: `http://127.0.0.1:${server.port + 1}` };
  expect((await rawRequest(server.port, '/api/getInfo', { method: 'POST', headers: sameSite, body: '{}' })).status).toBe(403);
});

test('a non-loopback Host header is refused (DNS rebinding)', async () => {
  const auth = { authorization: `Bearer ${server.token}` };
  for (const host of [`rebind.attacker.example:${server.port}`, `192.168.0.10:${server.port}`, '127.0.0.1:1']) {
    expect((await rawRequest(server.port, '/', { headers: { ...auth, host } })).status).toBe(403);
  }
  expect((await rawRequest(server.port, '/', { headers: { ...auth, host: `localhost:${server.port}` } })).status).toBe(200);
});

test('workspace files: traversal in /files and parallax:// paths is refused', async () => {
  const auth = { authorization: `Bearer ${server.token}` };
  const ok = await rawRequest(server.port, '/files/scenes/s1/preview.png', { headers: auth });
  expect(ok.status).toBe(200);
  expect(ok.headers['cache-control']).toBe('no-store');
  const secret = `secret-${server.port}.txt`;
  for (const path of [
    `/files/../${secret}`, `/files/%2e%2e/${secret}`, `/files/%2E%2E%2F${secret}`, `/files/scenes/..%2f..%2f..%2f${secret}`,
    '/files//etc/passwd', '/files/%2Fetc%2Fpasswd', '/files/scenes/s1/preview.png%00', '/files/..%5c..%5cwin.ini',
  ]) {
    const res = await rawRequest(server.port, path, { headers: auth });
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.body).not.toContain('TOP SECRET');
  }
  // The desktop app's protocol handler gets the same treatment (Electron cannot run here,
  // so its handler is driven directly with parallax:// URLs).
  const roots = { rendererDir: join(process.cwd(), 'out', 'renderer'), workspaceDir: server.workspaceDir, csp: "default-src 'self'" };
  expect((await handleParallaxRequest('parallax://workspace/scenes/s1/preview.png', 'GET', roots)).status).toBe(200);
  for (const url of [
    `parallax://workspace/../${secret}`, `parallax://workspace/%2e%2e/${secret}`, `parallax://workspace/..%2f${secret}`,
    'parallax://app/../../../etc/passwd', 'parallax://workspace//etc/passwd', 'parallax://other/x', 'file:///etc/passwd',
  ]) {
    const res = await handleParallaxRequest(url, 'GET', roots);
    expect({ url, status: res.status }).toEqual({ url, status: url.startsWith('file:') ? 400 : 403 });
    expect(await res.text()).not.toContain('TOP SECRET');
  }
});

test('after restart() the same URL, token and cookie keep working', async ({ page }) => {
  await page.goto(server.url);
  const port = server.port;
  await server.restart();
  expect(server.port).toBe(port);
  const res = await page.reload();
  expect(res?.status()).toBe(200);
  const status = await page.evaluate(async () =>
    (await fetch('/api/listItems', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  expect(status).toBe(200);
});

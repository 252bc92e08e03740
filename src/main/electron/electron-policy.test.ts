// The Electron shell's policy modules, exercised without Electron: IPC sender/argument checks,
// the parallax:// protocol handler, navigation and webPreferences.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDIO_METHOD_NAMES, ipcChannel } from '../../shared';
import { createRecordingStudio } from '../server/test-fixtures';
import { APP_ORIGIN, electronCsp, isAllowedNavigation, secureWebPreferences, trustedOrigins } from './app-security';
import { createIpcHandlers } from './ipc-handlers';
import { handleParallaxRequest, type ProtocolRoots } from './protocol-handler';

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('IPC handlers', () => {
  const studio = createRecordingStudio('/tmp/ws');
  const handlers = createIpcHandlers(studio, trustedOrigins());

  it('registers one channel per contract method and nothing else', () => {
    expect([...handlers.keys()].sort()).toEqual(STUDIO_METHOD_NAMES.map(ipcChannel).sort());
  });
  it('calls the service for the app frame with parsed arguments', async () => {
    const result = await handlers.get(ipcChannel('getInfo'))!(frame('parallax://app/index.html'), {});
    expect(result).toMatchObject({ ok: true, value: { backend: 'cpu' } });
    const bad = await handlers.get(ipcChannel('listItems'))!(frame('parallax://app/index.html'), { kind: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'kind' } });
  });
  it.each([
    ['https://evil.example/'], ['file:///tmp/x.html'], ['parallax://workspace/x.html'], ['about:blank'], ['http://localhost:5173/'],
  ])('refuses a frame at %s', async (url) => {
    const before = studio.calls.length;
    const result = await handlers.get(ipcChannel('deleteItem'))!(frame(url), { kind: 'scene', id: 'a' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(studio.calls.length).toBe(before);
  });
  it('refuses sub-frames and vanished frames', async () => {
    const handler = handlers.get(ipcChannel('getInfo'))!;
    expect(await handler(frame('parallax://app/index.html', {}), {})).toMatchObject({ ok: false });
    expect(await handler({ senderFrame: null }, {})).toMatchObject({ ok: false });
  });
  it('trusts the dev server only when one is configured', async () => {
    const dev = createIpcHandlers(studio, trustedOrigins('http://localhost:5173/'));
    expect(await dev.get(ipcChannel('getInfo'))!(frame('http://localhost:5173/index.html'), {})).toMatchObject({ ok: true });
  });
});

describe('parallax:// protocol handler', () => {
  let base: string;
  let roots: ProtocolRoots;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'protocol-'));
    await mkdir(join(base, 'renderer'));
    await mkdir(join(base, 'workspace', 'scenes', 's1'), { recursive: true });
    await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html>');
    await writeFile(join(base, 'workspace', 'scenes', 's1', 'mesh.glb'), 'glTF');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(join(base, 'secret.txt'), join(base, 'workspace', 'link.txt'));
    roots = { rendererDir: join(base, 'renderer'), workspaceDir: join(base, 'workspace'), csp: electronCsp() };
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('serves the app with the CSP and workspace files with the files policy', async () => {
    const page = await handleParallaxRequest('parallax://app/', 'GET', roots);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('img-src \'self\' data: blob: parallax://workspace');
    const glb = await handleParallaxRequest('parallax://workspace/scenes/s1/mesh.glb', 'GET', roots);
    expect(glb.status).toBe(200);
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect(glb.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(glb.headers.get('cache-control')).toBe('no-store');
    expect(await glb.text()).toBe('glTF');
  });
  it.each([
    ['parallax://workspace/../secret.txt', 403], ['parallax://workspace/%2e%2e/secret.txt', 403],
    ['parallax://workspace/scenes/..%2f..%2f..%2fsecret.txt', 403], ['parallax://workspace/link.txt', 403],
    ['parallax://app/../secret.txt', 403], ['parallax://evil/x', 403], ['file:///etc/passwd', 400],
    ['parallax://workspace/scenes/s1/none.png', 404],
  ])('%s -> %i', async (url, status) => {
    const res = await handleParallaxRequest(url, 'GET', roots);
    expect(res.status).toBe(status);
    expect(await res.text()).not.toContain('secret\n');
  });
  it('refuses methods other than GET/HEAD', async () => {
    expect((await handleParallaxRequest('parallax://app/', 'POST', roots)).status).toBe(405);
  });
});

describe('window policy', () => {
  it('webPreferences are locked down', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/p.cjs',
    });
  });
  it('the compute window is marked and never throttled; the studio window is not marked', () => {
    expect(secureWebPreferences('/p.cjs', 'compute')).toMatchObject({
      sandbox: true, additionalArguments: ['--parallax-role=compute'], backgroundThrottling: false,
    });
    expect(secureWebPreferences('/p.cjs').additionalArguments).toEqual([]);
  });
  it('only in-app navigation is allowed', () => {
    expect(isAllowedNavigation('parallax://app/index.html#x', 'parallax://app/index.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com/', 'parallax://app/index.html')).toBe(false);
    expect(isAllowedNavigation('parallax://workspace/a.html', 'parallax://app/index.html')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', 'parallax://app/index.html')).toBe(false);
  });
});

// The desktop app itself, through Playwright's Electron support — only where an Electron
// binary exists (it cannot be downloaded on our machines; there this file skips with one line).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { STUDIO_METHOD_NAMES } from '../src/shared';
// @ts-expect-error plain ESM script without type declarations
import { findElectron } from '../scripts/start.mjs';

const found = (findElectron as () => { path?: string; reason?: string })();
if (!found.path) console.log(`electron.spec: skipped: ${found.reason}`);
test.skip(!found.path, `no Electron binary: ${found.reason ?? ''}`);

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'parallax-electron-'));
  app = await electron.launch({
    executablePath: found.path,
    args: [process.cwd(), '--workspace', workspace],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});
test.afterAll(async () => {
  await app?.close();
});

test('the studio window is sandboxed and isolated', async () => {
  expect(page.url()).toBe('parallax://app/index.html');
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
  // contextIsolation: the page cannot reach into the preload's world through the bridge.
  const leaked = await page.evaluate(() => {
    const bridge = (window as unknown as { parallax: Record<string, unknown> }).parallax;
    return { ipc: 'ipcRenderer' in bridge || 'invoke' in bridge || 'send' in bridge };
  });
  expect(leaked).toEqual({ ipc: false });
});

test('window.parallax exposes exactly the contract methods plus onEvent and getPathForFile', async () => {
  const keys = await page.evaluate(() => Object.keys((window as unknown as { parallax: object }).parallax).sort());
  expect(keys).toEqual([...STUDIO_METHOD_NAMES, 'onEvent', 'getPathForFile'].sort());
  const info = await page.evaluate(() => (window as unknown as { parallax: { getInfo(a: object): Promise<unknown> } }).parallax.getInfo({}));
  expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
  const bad = await page.evaluate(() => (window as unknown as { parallax: { listItems(a: object): Promise<unknown> } }).parallax.listItems({ kind: 'banana' }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'kind' } });
});

test('CSP header, blocked navigation and denied new windows', async () => {
  const csp = await page.evaluate(async () => (await fetch('parallax://app/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("object-src 'none'");
  await page.evaluate(() => window.open('https://example.com'));
  await page.evaluate(() => { window.location.href = 'https://example.com'; });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('parallax://app/index.html');
  expect(app.windows().filter((w) => w.url().startsWith('https:'))).toHaveLength(0);
});

test('parallax://workspace refuses traversal', async () => {
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    for (const url of ['parallax://workspace/..%2f..%2fetc%2fpasswd', 'parallax://workspace/%2e%2e/x']) {
      out.push((await fetch(url)).status);
    }
    return out;
  });
  expect(statuses).toEqual([403, 403]);
});

// BrowserComputeHost proven in Debian Chromium: the compute page served by the web server runs
// a real TensorFlow.js job (Adam on a Fourier-feature image field) in a Web Worker; the host
// in this Node process sees the backend, step-by-step progress and a falling loss.
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { BrowserComputeHost } from '../src/main/engine-host/browser-compute-host';
import {
  TINY_FIELD_DEFAULTS, VOLUME_FIT_DEFAULTS, type ComputeBackendChoice, type ComputeProgress,
} from '../src/shared/compute-protocol';
import { connectComputePage, sendComputePort } from './helpers/compute-bridge';
import { startStudioServer, type StudioServer } from './helpers/server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer({ backend: 'cpu' });
});
test.afterAll(async () => {
  await server?.stop();
});

async function openComputeHost(page: import('@playwright/test').Page, backend: ComputeBackendChoice) {
  const errors: string[] = [];
  // Console errors name no URL for failed loads; those are tracked per response instead.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(server.url);
  const res = await page.goto(`${server.origin}/compute.html`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
  const transport = await connectComputePage(page);
  const host = new BrowserComputeHost(transport, { backend, readyTimeoutMs: 20_000 });
  await sendComputePort(page);
  await host.ready();
  return { host, errors };
}

for (const backend of ['auto', 'wasm', 'cpu'] as const) {
  test(`runs a tiny field fit in the compute worker (backend ${backend})`, async ({ page }) => {
    const { host, errors } = await openComputeHost(page, backend);
    const progress: ComputeProgress[] = [];
    let chosen = '';
    const started = Date.now();
    const result = await host.run(
      { kind: 'tiny-field', ...TINY_FIELD_DEFAULTS, steps: 40 },
      { onBackend: (b, adapter) => (chosen = `${b} (${adapter})`), onProgress: (p) => progress.push(p) },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`compute-host ${backend}: ${chosen}, 40 steps in ${seconds.toFixed(1)} s, loss ${progress[0].losses.loss.toFixed(4)} -> ${result.losses.loss.toFixed(4)}`);
    expect(result.status).toBe('succeeded');
    expect(result.steps).toBe(40);
    if (backend !== 'auto') expect(result.backend).toBe(backend);
    expect(chosen).toContain(result.backend);
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 40 && Number.isFinite(p.losses.loss))).toBe(true);
    expect(result.losses.loss).toBeLessThan(progress[0].losses.loss * 0.5);
    expect(result.leakedTensors).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `test-results/compute-host-${backend}.png` });
    host.close();
  });
}

for (const backend of ['wasm', 'auto'] as const) {
  test(`runs the engine's volume renderer on a procedural capture in the worker (backend ${backend})`, async ({ page }) => {
    const { host, errors } = await openComputeHost(page, backend);
    const progress: ComputeProgress[] = [];
    let chosen = '';
    const started = Date.now();
    const result = await host.run(
      { kind: 'volume-fit', ...VOLUME_FIT_DEFAULTS, steps: 30 },
      { onBackend: (b, adapter) => (chosen = `${b} (${adapter})`), onProgress: (p) => progress.push(p) },
    );
    const mean = (xs: ComputeProgress[]) => xs.reduce((a, p) => a + p.losses.loss, 0) / xs.length;
    const first = mean(progress.slice(0, 5));
    const last = mean(progress.slice(-5));
    console.log(`compute-host volume-fit ${backend}: ${chosen}, 30 steps in ${((Date.now() - started) / 1000).toFixed(1)} s, mean loss of first/last 5 steps ${first.toFixed(4)} -> ${last.toFixed(4)}`);
    expect(result.status).toBe('succeeded');
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(last).toBeLessThan(first * 0.7);
    expect(result.leakedTensors).toBe(0);
    expect(errors).toEqual([]);
    host.close();
  });
}

test('cancel stops a running compute job', async ({ page }) => {
  const { host } = await openComputeHost(page, 'cpu');
  let stop = false;
  const progress: ComputeProgress[] = [];
  const result = await host.run(
    { kind: 'tiny-field', ...TINY_FIELD_DEFAULTS, steps: 100_000 },
    {
      onProgress: (p) => {
        progress.push(p);
        if (p.step >= 3) stop = true;
      },
      shouldStop: () => stop,
    },
  );
  expect(result.status).toBe('stopped');
  expect(result.steps).toBeLessThan(100);
  expect(result.leakedTensors).toBe(0);
  host.close();
});

test('with --enable-unsafe-webgpu the worker picks WebGPU when an adapter exists, else falls back', async () => {
  // A separate browser: WebGPU must be enabled at launch (SwiftShader/lavapipe: slow, for correctness).
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--enable-features=Vulkan'],
  });
  try {
    const page = await browser.newPage();
    const { host, errors } = await openComputeHost(page, 'auto');
    const progress: ComputeProgress[] = [];
    let chosen = '';
    const result = await host.run(
      { kind: 'tiny-field', ...TINY_FIELD_DEFAULTS, steps: 20 },
      { onBackend: (b, adapter) => (chosen = `${b} (${adapter})`), onProgress: (p) => progress.push(p) },
    );
    console.log(`compute-host auto with --enable-unsafe-webgpu: ${chosen}`);
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return Boolean(gpu && (await gpu.requestAdapter()));
    });
    expect(result.backend).toBe(hasAdapter ? 'webgpu' : 'webgl');
    expect(result.status).toBe('succeeded');
    expect(result.losses.loss).toBeLessThan(progress[0].losses.loss);
    expect(result.leakedTensors).toBe(0);
    expect(errors).toEqual([]);
    host.close();
  } finally {
    await browser.close();
  }
});

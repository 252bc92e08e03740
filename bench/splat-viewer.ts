// The splat viewer's frame rate: 200k Gaussians (SH degree 3, a seeded random cube) at 1280x720 in
// headless Debian Chromium with software WebGL (SwiftShader), through the real backend in web mode
// and the real viewer. With the turntable playing the demand loop draws every animation frame, so
// the rate of requestAnimationFrame callbacks over a few seconds is the rate of drawn frames.
// Software rendering on 2 shared cores: a figure to report, not a target; a GPU is far faster.
//   npx tsx bench/splat-viewer.ts [count]      (needs the built renderer: npm run build)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { startStudioServer } from '../e2e/helpers/server';
import { randomSplatScene } from '../src/engine/splats/io';
import { writeSplatSceneFolder } from '../src/main/splats/splat-fixtures';

const COUNT = Number(process.argv[2] ?? 200_000);
const SECONDS = 6;

async function main() {
  const workspaceDir = await mkdtemp(join(tmpdir(), 'px-bench-splats-'));
  await writeSplatSceneFolder(join(workspaceDir, 'scenes', 'bench'), { id: 'bench', name: 'Bench splats', scene: randomSplatScene(COUNT, 3, { seed: 1, extent: 1 }) });
  const server = await startStudioServer({ workspaceDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
    const t0 = Date.now();
    await page.locator('[data-testid=item-card][data-kind=scene][data-id="bench"]').getByTestId('open-scene').click();
    await page.locator('[data-testid=viewer][data-state=ready]').waitFor({ timeout: 300_000 });
    const loadSeconds = (Date.now() - t0) / 1000;
    // Pin the canvas area itself (not the window, which also holds the panels) to 1280x720.
    const canvas = page.getByTestId('viewer-canvas').locator('canvas');
    await page.setViewportSize({ width: 2200, height: 1100 });
    await page.addStyleTag({ content: '.viewer-canvas { width: 1280px !important; height: 720px !important; flex: none !important; }' });
    await page.waitForTimeout(2000);
    const size = await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    await page.getByTestId('toggle-turntable').check();
    await page.waitForTimeout(1000);
    // A string, not a function: tsx would wrap named functions in a helper the page lacks.
    const frames = await page.evaluate(`new Promise((resolve) => {
      let n = 0;
      const end = performance.now() + ${SECONDS * 1000};
      const tick = () => { n += 1; if (performance.now() < end) requestAnimationFrame(tick); else resolve(n); };
      requestAnimationFrame(tick);
    })`) as number;
    const count = await page.getByTestId('splat-count').textContent();
    console.log(`splat viewer: ${count} splats (SH 3), canvas ${size[0]}x${size[1]}, load to first frame ${loadSeconds.toFixed(1)} s, turntable ${(frames / SECONDS).toFixed(1)} frames/s (headless Chromium, SwiftShader software WebGL)`);
  } finally {
    await browser.close();
    await server.stop();
    await rm(workspaceDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });

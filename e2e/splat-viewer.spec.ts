// The splat viewer end to end, in Debian Chromium (SwiftShader WebGL2) against the real backend in
// web mode, on a known scene: a fixture (src/main/splats/splat-fixtures.ts: an orange ball of 20k
// Gaussians, SH degree 3) written straight into the workspace; the viewer loads its splats.ply
// through the scene-file URL and Spark draws it: the canvas is not blank, its dominant drawn colour
// is the ball's orange, the side panel shows the splat count and memory; the Export dialog offers
// the splat formats. Exporting and downloading every format is covered on a real splat fit by
// splat-reconstruct.spec.ts (so the suite does not export them twice).
// Screenshots: test-results/splat-viewer/NN-name.png.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { ballSplatScene, writeSplatSceneFolder } from '../src/main/splats/splat-fixtures';
import { startStudioServer, type StudioServer } from './helpers/server';

const SHOTS = 'test-results/splat-viewer';
const BACKGROUND = [0x10, 0x13, 0x18];
const ORANGE: [number, number, number] = [0.9, 0.5, 0.1];
const COUNT = 20_000;

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });

let server: StudioServer;

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const workspaceDir = await mkdtemp(join(tmpdir(), 'px-e2e-splats-'));
  await writeSplatSceneFolder(join(workspaceDir, 'scenes', 'splat-ball'), { id: 'splat-ball', name: 'Splat ball', scene: ballSplatScene(COUNT, ORANGE, 0.6, 1, 3) });
  server = await startStudioServer({ workspaceDir });
});

test.afterAll(async () => {
  await server?.stop();
});

test('a splat scene opens in the viewer: Spark draws the orange ball; count and memory in the side panel', async ({ page }) => {
  await page.goto(server.url);
  await page.locator('[data-testid=item-card][data-kind=scene][data-id="splat-ball"]').getByTestId('open-scene').click();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toHaveAttribute('data-mode', 'splats');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('splat-count')).toHaveText(COUNT.toLocaleString('en-US'));
  await expect(page.getByTestId('splat-memory')).toHaveText(/\d+(\.\d)? (KB|MB)/);
  await page.waitForTimeout(1500); // let Spark's sort worker finish and the demand loop redraw
  const canvas = page.getByTestId('viewer-canvas').locator('canvas');
  await page.screenshot({ path: `${SHOTS}/01-splat-ball.png` });
  const dataUrl = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const { data, info } = await sharp(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let drawn = 0;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) {
    if (Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - BACKGROUND[c]))) <= 40) continue;
    // grid lines and axes are grey/thin; count the saturated warm pixels of the ball
    if (data[i] > data[i + 2] + 60) { drawn += 1; for (let c = 0; c < 3; c++) sum[c] += data[i + c]; }
  }
  const fraction = drawn / (info.width * info.height);
  expect(fraction, 'share of the canvas drawn in the ball colour').toBeGreaterThan(0.02);
  const mean = sum.map((v) => v / drawn);
  const target = ORANGE.map((v) => v * 255);
  expect(Math.hypot(mean[0] - target[0], mean[1] - target[1], mean[2] - target[2]), `mean ball colour ${mean.map((v) => v.toFixed(0))}`).toBeLessThan(70);
});

test('the Export dialog offers the splat formats for a splat scene and says which exports each method has', async ({ page }) => {
  await page.goto(server.url);
  const card = page.locator('[data-testid=item-card][data-kind=scene][data-id="splat-ball"]');
  await card.getByTestId('open-scene').click();
  await page.getByRole('button', { name: /export/i }).first().click();
  const dialog = page.getByTestId('export-dialog');
  for (const f of ['splat-ply', 'spz', 'splat', 'splat-glb']) await expect(dialog.getByTestId(`export-format-${f}`)).toBeVisible();
  await expect(dialog.getByTestId('export-format-ply-points')).toHaveCount(0);
  await expect(dialog.getByTestId('export-method-note')).toContainText('Gaussian-splat scenes export splat files');
  await page.screenshot({ path: `${SHOTS}/02-export-dialog.png` });
});

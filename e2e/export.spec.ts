// Export end to end, in Debian Chromium against the real backend in web mode: import the sample
// capture, reconstruct it with a short budget, export a GLB through the Export dialog, download it
// (the browser's download, not a backend shortcut) and validate the downloaded bytes with the
// Khronos glTF validator; the same for the "web" preset (meshopt-compressed); then PLY points and
// turntable frames. Exports are listed on their scene's gallery card with files and validation. Screenshots go to test-results/export/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { validateGlb } from '../src/main/validate-gltf';
import { studioSuite } from './helpers/suite';

const SHOTS = 'test-results/export';

const suite = studioSuite(SHOTS, { acceptDownloads: true });
const { shot } = suite;
const pageErrors: string[] = [];

async function settled(job: Locator, timeout: number): Promise<void> {
  await expect.poll(async () => {
    const state = await job.getAttribute('data-state');
    if (state === 'failed') throw new Error(`job failed: ${await job.getByTestId('job-error').textContent()}`);
    return state;
  }, { timeout, intervals: [1000] }).toBe('succeeded');
}

/** Export the scene in `format` through the dialog; returns the downloaded bytes and file name. */
async function exportAndDownload(page: Page, scene: Locator, format: string, shotPrefix: string, validation = /^✓ gltf-validator \S+: 0 errors/, before?: (dialog: Locator) => Promise<void>) {
  await scene.getByTestId('export-scene').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`export-format-${format}`).check();
  await before?.(dialog);
  await shot(page, `${shotPrefix}-dialog`);
  await dialog.getByTestId('export-start').click();
  const status = dialog.getByTestId('export-status');
  await expect.poll(async () => {
    const state = await status.getAttribute('data-state');
    if (state === 'failed') throw new Error(`export failed: ${await dialog.getByTestId('export-error').textContent()}`);
    return state;
  }, { timeout: 120_000, intervals: [500] }).toBe('succeeded');
  const result = dialog.getByTestId('export-result');
  await expect(result).toBeVisible();
  await expect(result.getByTestId('export-validation')).toHaveText(validation);
  await shot(page, `${shotPrefix}-done`);
  const link = result.getByTestId('export-download').first();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  const bytes = new Uint8Array(await readFile(path));
  const name = download.suggestedFilename();
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(dialog).toBeHidden();
  return { bytes, name };
}

test('reconstruct the sample, export GLB (plain and web), download and validate', async ({ page }) => {
  test.setTimeout(420_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(suite.server.url);

  await page.getByTestId('import-sample').click();
  const capture = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(capture).toHaveCount(1);
  await capture.getByTestId('reconstruct').click();
  const fit = page.getByTestId('reconstruct-dialog');
  await fit.getByTestId('preset-draft').check();
  await fit.getByTestId('fit-minutes').fill('0.3');
  await fit.getByTestId('fit-start').click();
  await settled(page.getByTestId('job-card').first(), 300_000);
  const scene = page.locator('[data-testid=item-card][data-kind=scene][data-status=ok]');
  await expect(scene).toHaveCount(1);
  await shot(page, '01-gallery-scene');

  // Plain GLB: downloaded under its own name, 0 validator errors.
  const plain = await exportAndDownload(page, scene, 'glb', '02-glb');
  expect(plain.name).toMatch(/\.glb$/);
  expect(plain.name).not.toMatch(/\.web\.glb$/);
  const plainReport = await validateGlb(plain.bytes);
  expect(plainReport.errors, plainReport.messages.join('\n')).toBe(0);

  // Web preset: meshopt-compressed, smaller, still 0 errors.
  const web = await exportAndDownload(page, scene, 'glb-web', '03-glb-web');
  expect(web.name).toMatch(/\.web\.glb$/);
  const webReport = await validateGlb(web.bytes);
  expect(webReport.errors, webReport.messages.join('\n')).toBe(0);
  const json = JSON.parse(new TextDecoder().decode(web.bytes.subarray(20, 20 + new DataView(web.bytes.buffer, web.bytes.byteOffset).getUint32(12, true))));
  expect(json.extensionsRequired).toContain('EXT_meshopt_compression');
  expect(web.bytes.length).toBeLessThan(plain.bytes.length);

  // PLY points and turntable frames: other validators, same flow.
  const points = await exportAndDownload(page, scene, 'ply-points', '04-ply-points', /^✓ PLY re-parsed: \d+ points, body matches header \(from volume\.bin surface voxels( inside the crop box)?\)$/);
  expect(points.name).toMatch(/\.points\.ply$/);
  expect(new TextDecoder().decode(points.bytes.subarray(0, 3))).toBe('ply');
  const frames = await exportAndDownload(page, scene, 'turntable', '05-turntable', /^✓ sharp: 8 PNG frames, each 64x64/, async (dialog) => {
    await dialog.getByTestId('export-frames').fill('8');
    await dialog.getByTestId('export-size').fill('64');
  });
  expect(frames.name).toBe('frame-0000.png');
  const meta = await sharp(Buffer.from(frames.bytes)).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 64, 64]);

  // The gallery lists both exports on their scene's card, with validation line and download.
  const listing = scene.getByTestId('scene-exports');
  await expect(listing).toContainText('Exports 4');
  await expect(listing).toContainText('3 older exports');
  const newest = scene.getByTestId('scene-export'); // the newest export: the turntable
  await expect(newest).toHaveCount(1);
  await expect(newest).toHaveAttribute('data-format', 'png-frames');
  await expect(newest.getByTestId('card-validation')).toContainText('sharp: 8 PNG frames');
  const [again] = await Promise.all([page.waitForEvent('download'), newest.getByTestId('export-download').click()]);
  expect(Buffer.from(new Uint8Array(await readFile(await again.path()))).equals(Buffer.from(frames.bytes))).toBe(true);
  await shot(page, '06-gallery-exports');

  // The job panel's finished export offers "Show files", which reopens the result.
  await page.getByTestId('job-show-export').first().click();
  await expect(page.getByTestId('export-dialog').getByTestId('export-result')).toBeVisible();
  await shot(page, '07-show-files-from-job');
  await page.keyboard.press('Escape');

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('a model item offers its .plxm model file for download', async ({ page }) => {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(suite.server.url);
  // The Generate screen adds the default model the same way (StudioApi.importDefaultModel).
  const status = await page.evaluate(async () => (await fetch('/api/importDefaultModel', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  expect(status).toBe(200);
  await page.getByTestId('filter-model').click();
  const model = page.locator('[data-testid=item-card][data-kind=model][data-status=ok]');
  await expect(model).toHaveCount(1);
  const link = model.getByTestId('export-download');
  await expect(link).toBeVisible();
  await shot(page, '08-model-download');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.plxm$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 7).toString('latin1')).toBe('\x89PLXMOD');
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

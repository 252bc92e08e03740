// The Generate screen end to end, in Debian Chromium against the real backend in web mode: import
// the sample capture, generate two samples with few DDIM steps, see the per-sample previews change
// step by step, get two different scenes side by side, and a variance view with non-uniform
// pixels. Screenshots go to test-results/generate/ (1280x720).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { studioSuite } from './helpers/suite';

const SHOTS = 'test-results/generate';

const suite = studioSuite(SHOTS);
const { shot } = suite;

/** Records every value the run's step counter and the preview strip take, as they happen. */
async function recordChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { steps: [] as number[], srcs: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const note = () => {
      const step = document.querySelector('[data-testid=run-steps]')?.getAttribute('data-step');
      const src = document.querySelector('[data-testid=sample-strip]')?.getAttribute('data-src');
      if (step && Number(step) !== seen.steps[seen.steps.length - 1]) seen.steps.push(Number(step));
      if (src && src !== seen.srcs[seen.srcs.length - 1]) seen.srcs.push(src);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step', 'data-src'] });
  });
}

async function stateOf(status: Locator): Promise<string | null> {
  const state = await status.getAttribute('data-state');
  if (state === 'failed') throw new Error(`job failed: ${await status.getByTestId('run-error').textContent()}`);
  return state;
}

/** Pixels of an image file as raw RGB. */
async function rgb(file: string): Promise<Buffer> {
  return sharp(await readFile(file)).removeAlpha().raw().toBuffer();
}

test('generate two samples from the sample capture', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);

  // 1. A photo to generate from: the bundled sample capture (its first image is the photo).
  await page.getByTestId('import-sample').click();
  await expect(page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]')).toHaveCount(1);

  // 2. The Generate screen with its settings.
  await page.getByTestId('tab-generate').click();
  const screen = page.getByTestId('generate-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByTestId('generate-intro')).toBeVisible();
  await expect(screen.getByTestId('generate-photo')).toBeChecked();
  await expect(screen.locator('.photo-option img')).toBeVisible();
  await expect(screen.getByTestId('generate-model')).toHaveValue('');
  await expect(screen.getByTestId('generate-pooling-view-colours')).toBeChecked(); // the default
  await screen.getByTestId('generate-samples').fill('2');
  await screen.getByTestId('generate-steps').fill('4');
  const seedBefore = await screen.getByTestId('generate-seed').inputValue();
  await screen.getByTestId('generate-randomize').click();
  expect(await screen.getByTestId('generate-seed').inputValue()).not.toBe(seedBefore);
  await screen.getByTestId('generate-seed').fill('11');
  await shot(page, '01-generate-settings');

  // A bad value is reported next to its field and nothing starts.
  await screen.getByTestId('generate-samples').fill('9');
  await screen.getByTestId('generate-start').click();
  await expect(screen.getByTestId('field-error')).toHaveText(/1 to 8/);
  await screen.getByTestId('generate-samples').fill('2');

  // 3. Start: per-sample tiles update step by step.
  await recordChanges(page);
  await screen.getByTestId('generate-start').click();
  const status = screen.getByTestId('generate-status');
  await expect(status).toBeVisible();
  await expect(screen.getByTestId('sample-tile')).toHaveCount(2);
  const strip = screen.getByTestId('sample-strip');
  await expect.poll(async () => (await strip.getAttribute('data-src')) ?? '', { timeout: 120_000, message: 'a live preview appears' }).not.toBe('');
  await shot(page, '02-generate-running');

  // 4. It finishes; the previews changed as the steps advanced.
  await expect.poll(() => stateOf(status), { timeout: 240_000, intervals: [500] }).toBe('succeeded');
  const seen = await page.evaluate(() => (window as unknown as { __seen: { steps: number[]; srcs: string[] } }).__seen);
  const positive = new Set(seen.steps.filter((s) => s > 0));
  expect(positive.size, `step counter values seen: ${seen.steps.join(',')}`).toBeGreaterThanOrEqual(2);
  expect(new Set(seen.srcs).size, 'distinct preview strips shown').toBeGreaterThanOrEqual(2);

  // 5. Two scenes side by side, and they differ.
  const results = screen.getByTestId('sample-result');
  await expect(results).toHaveCount(2);
  const ids = await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  const [a, b] = await Promise.all(ids.map((id) => rgb(join(suite.server.workspaceDir, 'scenes', id, 'preview.png'))));
  expect(a.length).toBe(b.length);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - b[i]);
  expect(diff / a.length, 'mean absolute difference of the two samples (0-255)').toBeGreaterThan(0.5);
  for (const img of await screen.getByTestId('sample-result-preview').all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }

  // 6. The variance view shows where they disagree: non-uniform pixels, with a legend.
  const variance = screen.getByTestId('sample-variance');
  await expect(variance).toHaveAttribute('data-state', 'mapped');
  await expect(variance.getByTestId('variance-legend')).toContainText('disagree');
  const dataUrl = await variance.getByTestId('variance-canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const { data } = await sharp(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const levels = new Set<number>();
  for (let i = 0; i < data.length; i += 3) levels.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  expect(levels.size, 'distinct colours in the variance view').toBeGreaterThan(4);
  await results.first().scrollIntoViewIfNeeded();
  await shot(page, '03-generate-results');
  await variance.scrollIntoViewIfNeeded();
  await shot(page, '04-generate-variance');

  // 7. Each result opens in the viewer.
  await results.nth(1).getByTestId('sample-open').click();
  await expect(page.getByTestId('viewer')).toBeVisible();
  await expect(page.getByTestId('tab-viewer')).toHaveAttribute('aria-current', 'page');
  await shot(page, '05-generated-scene-in-viewer');

  // 8. Back on Generate, the run is still shown (screen state lives in the job list).
  await page.getByTestId('tab-generate').click();
  await expect(screen.getByTestId('sample-result')).toHaveCount(2);
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

test('a single photo: Generate… on its card, forward camera path, scenes to open', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.getByTestId('import-folder-open').click();
  const dialog = page.getByTestId('import-dialog');
  const photo = await readFile(join('resources', 'sample-capture', 'train', 'r_3.png'));
  await dialog.getByTestId('import-files-input').setInputFiles({ name: 'still life.png', mimeType: 'image/png', buffer: photo });
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('import-close').click();

  // An unposed photo cannot be reconstructed; its card offers Generate… instead.
  const card = page.locator('[data-testid=item-card][data-kind=capture]', { hasText: 'still life' });
  await expect(card.getByTestId('reconstruct')).toHaveCount(0);
  await card.getByTestId('generate-from').click();
  const screen = page.getByTestId('generate-screen');
  await expect(screen.getByTestId('generate-photo').and(screen.locator(':checked'))).toHaveCount(1);
  await expect(screen.locator('.photo-option', { has: page.locator(':checked') })).toContainText('still life');

  await screen.getByTestId('generate-samples').fill('2');
  await screen.getByTestId('generate-steps').fill('3');
  await screen.locator('.path-option', { has: page.locator('input[value=forward]') }).click();
  await screen.locator('.path-option', { has: page.locator('input[value=occlusion-aware]') }).click();
  await expect(screen.getByTestId('generate-pooling-occlusion-aware')).toBeChecked();
  const view = screen.getByTestId('generate-run-view');
  const previousRun = await view.getAttribute('data-job-id'); // the first test's run
  await screen.getByTestId('generate-start').click();
  await expect(view).not.toHaveAttribute('data-job-id', previousRun ?? '');
  const status = screen.getByTestId('generate-status');
  await expect(screen.getByTestId('generate-settings-summary')).toContainText('forward');
  await expect(screen.getByTestId('generate-settings-summary')).toContainText('combine views that see it');
  await expect.poll(() => stateOf(status), { timeout: 240_000, intervals: [500] }).toBe('succeeded');
  await expect(screen.getByTestId('sample-result')).toHaveCount(2);
  // The scenes were made with the chosen pooling, and say so in their settings.
  const sceneIds = await screen.getByTestId('sample-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  for (const id of sceneIds) {
    const manifest = JSON.parse(await readFile(join(suite.server.workspaceDir, 'scenes', id, 'manifest.json'), 'utf8')) as { settings: { pooling?: string } };
    expect(manifest.settings.pooling).toBe('occlusion-aware');
  }
  await shot(page, '06-photo-forward-results');
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

// The studio end to end, in Debian Chromium against the real backend in web mode: load the
// studio, import the sample capture, reconstruct it with a short budget (progress advances, a
// preview appears), see the scene in the gallery, restart the server, reload, the scene is
// still there, and the viewer's WebGL canvas shows the mesh. Screenshots of each screen go to
// test-results/studio/.
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { studioSuite } from './helpers/suite';

const SHOTS = 'test-results/studio';
/** Viewer background (#101318); pixels further than this from it count as drawn. */
const BACKGROUND = [0x10, 0x13, 0x18];
const DRAWN_DISTANCE = 30;

const suite = studioSuite(SHOTS);
const { shot } = suite;
const pageErrors: string[] = [];

function watchErrors(page: Page): void {
  page.on('pageerror', (error) => pageErrors.push(error.message));
}

/** Reads the WebGL canvas (drawing buffer preserved) and measures how much of it is drawn. */
async function canvasStats(canvas: Locator): Promise<{ drawn: number; colours: number; mean: number[] }> {
  const dataUrl = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let drawn = 0;
  const sum = [0, 0, 0];
  const buckets = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    const d = Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - BACKGROUND[c])));
    if (d <= DRAWN_DISTANCE) continue;
    drawn += 1;
    for (let c = 0; c < 3; c++) sum[c] += data[i + c];
    buckets.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
  }
  const pixels = info.width * info.height;
  return { drawn: drawn / pixels, colours: buckets.size, mean: sum.map((s) => (drawn ? s / drawn : 0)) };
}

/** The job's optimisation step; 0 during set-up stages (which report step/total as 0/1 or 1/1). */
async function stepOf(job: Locator): Promise<number> {
  const steps = job.getByTestId('job-steps');
  const total = Number((await steps.getAttribute('data-total')) ?? '0');
  return total > 1 ? Number((await steps.getAttribute('data-step')) ?? '0') : 0;
}

test('a folder that cannot be imported is reported by field', async ({ page }) => {
  watchErrors(page);
  await page.goto(suite.server.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await shot(page, '01-empty-gallery');
  await page.getByTestId('import-folder-open').click();
  const missing = `${suite.server.workspaceDir}-does-not-exist`;
  await page.getByTestId('import-path').fill(missing);
  await page.getByTestId('import-submit').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.locator('[data-testid=field-error], [data-testid=import-report]')).toBeVisible();
  await shot(page, '02-import-error');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('import, reconstruct, restart, view', async ({ page }) => {
  test.setTimeout(300_000);
  watchErrors(page);
  await page.goto(suite.server.url);

  // 1. Status bar: backend, adapter and workspace from getInfo.
  await expect(page.getByTestId('status-backend')).toHaveText(/^(tensorflow|webgpu|wasm|cpu)$/);
  await expect(page.getByTestId('status-adapter')).not.toHaveText('…');
  await expect(page.getByTestId('status-workspace')).toHaveText(suite.server.workspaceDir);

  // 2. Import the bundled sample capture from the empty state.
  await page.getByTestId('import-sample').click();
  const capture = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(capture).toHaveCount(1);
  await shot(page, '03-gallery-capture');

  // 3. Reconstruct with a short budget.
  await capture.getByTestId('reconstruct').click();
  const dialog = page.getByTestId('reconstruct-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('preset-draft').check();
  await dialog.getByTestId('fit-minutes').fill('0.3');
  await shot(page, '04-reconstruct-dialog');
  await dialog.getByTestId('fit-start').click();
  await expect(dialog).toBeHidden();

  // 4. Progress advances and a preview image appears.
  const job = page.getByTestId('job-card').first();
  await expect(job).toBeVisible();
  await expect.poll(() => stepOf(job), { timeout: 120_000, message: 'first progress step' }).toBeGreaterThan(0);
  const firstStep = await stepOf(job);
  await expect.poll(() => stepOf(job), { timeout: 60_000, message: 'progress advances' }).toBeGreaterThan(firstStep);
  const preview = job.locator('[data-testid=job-preview] img');
  await expect(preview).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth), { message: 'preview decodes' })
    .toBeGreaterThan(0);
  await shot(page, '05-job-running');

  // 5. The job succeeds and its scene appears in the gallery.
  await expect.poll(async () => {
    const state = await job.getAttribute('data-state');
    if (state === 'failed') throw new Error(`job failed: ${await job.getByTestId('job-error').textContent()}`);
    return state;
  }, { timeout: 240_000, intervals: [1000] }).toBe('succeeded');
  const scene = page.locator('[data-testid=item-card][data-kind=scene][data-status=ok]');
  await expect(scene).toHaveCount(1);
  const sceneId = await scene.getAttribute('data-id');
  expect(sceneId).toBeTruthy();
  await shot(page, '06-gallery-scene');

  // 6. Restart the server and reload: the scene is still there.
  await suite.server.restart();
  await page.reload();
  const restored = page.locator(`[data-testid=item-card][data-kind=scene][data-id="${sceneId}"]`);
  await expect(restored).toBeVisible();
  await expect(restored).toHaveAttribute('data-status', 'ok');
  await shot(page, '07-gallery-after-restart');

  // 7. The viewer draws the mesh: with grid and axes off, the canvas shows the scene itself.
  await restored.getByTestId('open-scene').click();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.getByRole('checkbox', { name: 'Grid' }).uncheck();
  await page.getByRole('checkbox', { name: 'Axes' }).uncheck();
  const canvas = page.locator('[data-testid=viewer-canvas] canvas');
  await expect.poll(async () => (await canvasStats(canvas)).drawn, { message: 'canvas shows the mesh' }).toBeGreaterThan(0.01);
  const stats = await canvasStats(canvas);
  expect(stats.colours, 'the mesh shows more than one colour').toBeGreaterThan(1);
  await page.getByRole('checkbox', { name: 'Grid' }).check();
  await page.getByRole('checkbox', { name: 'Axes' }).check();
  await shot(page, '08-viewer');

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('delete to trash and undo', async ({ page }) => {
  watchErrors(page);
  await page.goto(suite.server.url);
  const capture = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(capture).toHaveCount(1);
  const id = await capture.getAttribute('data-id');
  await capture.getByTestId('delete-item').click();
  await expect(page.locator(`[data-testid=item-card][data-kind=capture][data-id="${id}"]`)).toHaveCount(0);
  const undo = page.getByTestId('toast-action');
  await expect(undo).toBeVisible();
  await shot(page, '09-undo-toast');
  await undo.click();
  await expect(page.locator(`[data-testid=item-card][data-kind=capture][data-id="${id}"]`)).toHaveCount(1);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('keyboard: arrows move between cards with a visible focus ring; Enter opens; Delete trashes', async ({ page }) => {
  watchErrors(page);
  await page.goto(suite.server.url);
  const cards = page.getByTestId('item-card');
  await expect(cards).toHaveCount(2);
  // One tab stop for the whole grid (roving tabindex).
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1']);
  const focusedId = () => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);
  const [firstId, secondId] = [await cards.nth(0).getAttribute('data-id'), await cards.nth(1).getAttribute('data-id')];
  await page.getByPlaceholder('Search by name').focus();
  await page.keyboard.press('Tab');
  expect(await focusedId()).toBe(firstId);
  await page.keyboard.press('ArrowRight');
  expect(await focusedId()).toBe(secondId);
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(ring).toBe('solid');
  await shot(page, '10-keyboard-focus');
  await page.keyboard.press('ArrowLeft');
  expect(await focusedId()).toBe(firstId);
  // Newest first: the scene, then its capture. Enter on the scene opens the viewer.
  await expect(cards.nth(0)).toHaveAttribute('data-kind', 'scene');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('viewer-title')).toBeVisible();
  await page.getByTestId('viewer-canvas').focus();
  await page.keyboard.press('Escape');
  await expect(cards).toHaveCount(2);
  // Delete on the focused capture card moves it to the trash; Undo brings it back.
  await cards.nth(1).focus();
  await page.keyboard.press('Delete');
  await expect(page.locator(`[data-testid=item-card][data-id="${secondId}"]`)).toHaveCount(0);
  await page.getByTestId('toast-action').click();
  await expect(page.locator(`[data-testid=item-card][data-id="${secondId}"]`)).toHaveCount(1);
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('rename a card inline (click or F2; Escape cancels) and sort the gallery', async ({ page }) => {
  watchErrors(page);
  await page.goto(suite.server.url);
  const cards = page.getByTestId('item-card');
  await expect(cards).toHaveCount(2);
  const capture = page.locator('[data-testid=item-card][data-kind=capture]');
  const id = await capture.getAttribute('data-id');
  // Click the name, type, Enter: saved in the workspace (survives a reload).
  await capture.getByTestId('rename-item').click();
  await capture.getByTestId('rename-input').fill('Aardvark still life');
  await capture.getByTestId('rename-input').press('Enter');
  await expect(capture.getByTestId('rename-item')).toHaveText('Aardvark still life');
  await shot(page, '11-renamed');
  // F2 on the focused card, Escape: nothing changes.
  await capture.focus();
  await page.keyboard.press('F2');
  await capture.getByTestId('rename-input').fill('Not this');
  await page.keyboard.press('Escape');
  await expect(capture.getByTestId('rename-item')).toHaveText('Aardvark still life');
  await expect(capture).toBeFocused();
  await page.reload();
  await expect(page.locator(`[data-testid=item-card][data-id="${id}"]`).getByTestId('rename-item')).toHaveText('Aardvark still life');
  // Sort: newest first puts the scene first; by name, "Aardvark…" comes before "Sample capture — …".
  await expect(cards.first()).toHaveAttribute('data-kind', 'scene');
  await page.getByTestId('gallery-sort').selectOption('name');
  await expect(cards.first()).toHaveAttribute('data-id', id ?? '');
  await page.getByTestId('gallery-sort').selectOption('oldest');
  await expect(cards.first()).toHaveAttribute('data-kind', 'capture');
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

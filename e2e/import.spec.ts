// Import flows in Debian Chromium against the real backend in web mode: choose the bundled
// sample capture's folder (uploaded file by file to POST /upload, then importCapture({ uploadId }))
// and see its camera frustums drawn; drop a .zip made here onto the drop zone (a synthetic drop
// event carrying a DataTransfer built in the page); open the cameras from the gallery card; and a
// broken capture (a pose entry that overflows to Infinity) whose report names file and field.
// Screenshots of each screen go to test-results/import/.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { buildTestZip, zipEntriesOfFolder } from '../src/main/capture-io/zip-fixtures';
import { startStudioServer, type StudioServer } from './helpers/server';

const SHOTS = 'test-results/import';
const SAMPLE = 'resources/sample-capture';
/** Preview background (#0e1116); pixels further than this from it count as drawn. */
const BACKGROUND = [0x0e, 0x11, 0x16];

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });

let server: StudioServer;
let scratch: string;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  scratch = await mkdtemp(join(tmpdir(), 'parallax-e2e-import-'));
  server = await startStudioServer({ backend: 'cpu' });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function open(page: Page): Promise<void> {
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await expect(page.getByTestId('app')).toBeVisible();
}

/** Fraction of the canvas's pixels that differ from the background. */
async function drawnFraction(canvas: Locator): Promise<number> {
  const dataUrl = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let drawn = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - BACKGROUND[c]))) > 30) drawn++;
  }
  return drawn / (info.width * info.height);
}

async function expectFrustums(scope: Locator): Promise<void> {
  const preview = scope.getByTestId('frustum-preview');
  await expect(preview).toBeVisible();
  const canvas = preview.locator('canvas');
  await expect(canvas).toBeVisible();
  await expect.poll(() => drawnFraction(canvas), { timeout: 30_000 }).toBeGreaterThan(0.003);
}

test('choose the sample capture folder: uploaded, imported, cameras shown', async ({ page }) => {
  await open(page);
  await page.getByTestId('import-folder-open').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-drop-zone')).toBeVisible();
  await shot(page, '01-import-dialog');

  await dialog.getByTestId('import-folder-input').setInputFiles(SAMPLE);
  await expect(dialog.getByTestId('import-drop-zone')).toContainText('sample-capture');
  await shot(page, '02-folder-chosen');
  await dialog.getByTestId('import-submit').click();

  const done = dialog.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('sample-capture');
  await expect(done).toContainText('blender');
  await expectFrustums(done);
  await expect(done.getByTestId('frustum-preview')).toHaveAttribute('data-views', /^[1-9]\d*$/);
  await shot(page, '03-imported-frustums');

  await done.getByTestId('import-close').click();
  const card = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(card).toHaveCount(1);
  await card.getByTestId('capture-cameras').click();
  const cameras = page.getByTestId('frustum-dialog');
  await expectFrustums(cameras);
  await shot(page, '04-gallery-cameras');
  await page.keyboard.press('Escape');
  await expect(cameras).toBeHidden();
});

test('drop a zip of a capture folder onto the drop zone', async ({ page }) => {
  const zip = buildTestZip([{ name: 'zipped-sample/' }, ...(await zipEntriesOfFolder(SAMPLE, 'zipped-sample/'))]);
  await open(page);
  await page.getByTestId('import-folder-open').click();
  const dialog = page.getByTestId('import-dialog');
  const zone = dialog.getByTestId('import-drop-zone');
  await zone.evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'zipped-sample.zip', { type: 'application/zip' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, zip.toString('base64'));
  await expect(zone).toContainText('zipped-sample.zip');
  await shot(page, '05-zip-dropped');
  await dialog.getByTestId('import-submit').click();
  const done = dialog.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('zipped-sample');
  await expectFrustums(done);
  await shot(page, '06-zip-imported');
  await done.getByTestId('import-close').click();
  await expect(page.locator('[data-testid=item-card][data-kind=capture]')).toHaveCount(2);
});

test('choose a single photo: an images capture for the Generate screen', async ({ page }) => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 210, g: 90, b: 40 } } }).png().toBuffer();
  await open(page);
  await page.getByTestId('import-folder-open').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-files-input').setInputFiles({ name: 'teapot photo.png', mimeType: 'image/png', buffer: png });
  await dialog.getByTestId('import-submit').click();
  const done = dialog.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('teapot photo');
  await expect(done).toContainText('1 image · images');
  await expect(done.getByTestId('import-warning')).toContainText('placeholder poses');
  await expect(done.getByTestId('frustum-unposed')).toBeVisible();
  await shot(page, '07-photo-imported');
  await done.getByTestId('import-close').click();
  await expect(page.locator('[data-testid=item-card][data-kind=capture]')).toHaveCount(3);
});

test('a broken capture shows the validation report naming file and field', async ({ page }) => {
  const broken = join(scratch, 'broken-capture');
  await cp(SAMPLE, broken, { recursive: true });
  const transforms = join(broken, 'transforms_train.json');
  const text = await readFile(transforms, 'utf8');
  // The first pose entry becomes 1e999, which JSON reads as Infinity: not a finite pose.
  await writeFile(transforms, text.replace(/("transform_matrix": \[\s*\[\s*)[-0-9.e]+/, '$11e999'));

  await open(page);
  await page.getByTestId('import-folder-open').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-folder-input').setInputFiles(broken);
  await dialog.getByTestId('import-submit').click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const problem = report.getByTestId('import-problem').first();
  await expect(problem).toHaveAttribute('data-file', 'transforms_train.json');
  await expect(problem).toHaveAttribute('data-field', 'frames[0].transform_matrix');
  await expect(problem).toContainText('not a finite number');
  await expect(report).toContainText('broken-capture');
  await shot(page, '08-broken-report');
  // Nothing was imported and the upload's staging folder is gone.
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid=item-card][data-kind=capture]')).toHaveCount(3);
  expect(await readdir(join(server.workspaceDir, '.uploads'))).toEqual([]);
  expect(pageErrors).toEqual([]);
});

// Jobs end to end, in Debian Chromium against the real backend in web mode: start a
// reconstruction, cancel it from the job panel (it stops with a checkpoint, and the card says
// so), resume it, it finishes from the checkpoint, the scene appears and a success toast offers
// to open it. A capture whose photos were damaged on disk after import makes a real job fail:
// a failure toast shows the error message and what to do. The status bar shows engine memory.
// Screenshots go to test-results/jobs/.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { studioSuite } from './helpers/suite';

const SHOTS = 'test-results/jobs';

const suite = studioSuite(SHOTS);
const { shot } = suite;
const pageErrors: string[] = [];

async function stepOf(job: Locator): Promise<number> {
  const steps = job.getByTestId('job-steps');
  const total = Number((await steps.getAttribute('data-total')) ?? '0');
  return total > 1 ? Number((await steps.getAttribute('data-step')) ?? '0') : 0;
}

/** Start "Reconstruct…" on a capture card; returns the new job's card. */
async function reconstruct(page: Page, capture: Locator, minutes: string): Promise<Locator> {
  const before = new Set(await page.getByTestId('job-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-job-id'))));
  await capture.getByTestId('reconstruct').click();
  const dialog = page.getByTestId('reconstruct-dialog');
  await dialog.getByTestId('preset-draft').check();
  await dialog.getByTestId('fit-minutes').fill(minutes);
  await dialog.getByTestId('fit-start').click();
  await expect(dialog).toBeHidden();
  let id: string | null = null;
  await expect.poll(async () => {
    const ids = await page.getByTestId('job-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-job-id')));
    id = ids.find((x) => x && !before.has(x)) ?? null;
    return id;
  }).not.toBeNull();
  return page.locator(`[data-testid=job-card][data-job-id="${id}"]`);
}

test('cancel a reconstruction, resume it from its checkpoint, and get notified', async ({ page }) => {
  test.setTimeout(420_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(suite.server.url);
  await expect(page.getByTestId('status-memory')).toHaveText(/\d+ (MB|GB) · \d.* (MB|GB) free/);

  await page.getByTestId('import-sample').click();
  const capture = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(capture).toHaveCount(1);

  const job = await reconstruct(page, capture, '0.4');
  await expect.poll(() => stepOf(job), { timeout: 120_000, message: 'optimisation started' }).toBeGreaterThan(0);
  await shot(page, '01-running');

  // Cancel: the job stops with a checkpoint and the card says Resume continues from it.
  await job.getByTestId('job-cancel').click();
  await expect(job).toHaveAttribute('data-state', 'cancelled', { timeout: 60_000 });
  const checkpoint = Number(await job.getAttribute('data-checkpoint-step'));
  expect(checkpoint).toBeGreaterThan(0);
  await expect(job.getByTestId('job-advice')).toHaveText(`Resume continues from the checkpoint at step ${checkpoint}.`);
  await expect(job.getByTestId('job-resume')).toBeVisible();
  await shot(page, '02-cancelled-with-checkpoint');

  // Resume: it continues from the checkpoint (never back to step 0) and succeeds.
  await job.getByTestId('job-resume').click();
  await expect(job).toHaveAttribute('data-state', /queued|running/);
  await expect.poll(() => stepOf(job), { timeout: 120_000, message: 'resumed progress' }).toBeGreaterThanOrEqual(checkpoint);
  await shot(page, '03-resumed');
  await expect.poll(async () => {
    const state = await job.getAttribute('data-state');
    if (state === 'failed') throw new Error(`job failed: ${await job.getByTestId('job-error').textContent()}`);
    return state;
  }, { timeout: 300_000, intervals: [500] }).toBe('succeeded');

  // The card drew the run's loss and PSNR curves (log loss axis, linear quality axis).
  await expect(job.getByTestId('job-loss-chart')).toBeVisible();
  const mse = job.getByTestId('job-loss').locator('[data-testid=loss-line][data-key=mse]');
  expect(Number(await mse.getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
  await expect(job.getByTestId('job-quality').locator('[data-testid=loss-line][data-key=psnr]')).toHaveCount(1);

  // The success toast names the job and offers to open the scene; the scene is in the gallery.
  const toast = page.getByTestId('toast').filter({ hasText: 'Done: Reconstruct' });
  await expect(toast).toBeVisible();
  await expect(toast.getByTestId('toast-action')).toHaveText('Open scene');
  await expect(page.locator('[data-testid=item-card][data-kind=scene][data-status=ok]')).toHaveCount(1);
  await shot(page, '04-success-toast');
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('a job on a capture damaged after import fails with a toast that says why and what to do', async ({ page }) => {
  test.setTimeout(240_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(suite.server.url);
  await expect(page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]')).toHaveCount(1);
  await page.getByTestId('top-import-sample').click();
  const captures = page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]');
  await expect(captures).toHaveCount(2);
  const ids = await captures.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id') ?? ''));
  const before = await readdir(join(suite.server.workspaceDir, 'captures'));
  expect(before.sort()).toEqual([...ids].sort());
  // Damage the photos of the newest capture on disk, as a failing drive or a careless sync would.
  const listed = await page.evaluate(async () => (await (await fetch('/api/listItems', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"capture"}' })).json()) as { id: string; manifest: { createdAt: string } }[]);
  const newest = [...listed].sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt))[0].id;
  const train = join(suite.server.workspaceDir, 'captures', newest, 'capture', 'train');
  for (const f of await readdir(train)) await writeFile(join(train, f), 'these bytes are not a PNG any more');

  const job = await reconstruct(page, page.locator(`[data-testid=item-card][data-id="${newest}"]`), '0.2');
  await expect(job).toHaveAttribute('data-state', 'failed', { timeout: 120_000 });
  const error = (await job.getByTestId('job-error').textContent()) ?? '';
  expect(error).toMatch(/r_\d+\.png|train/);

  const toast = page.getByTestId('toast').filter({ hasText: 'Failed: Reconstruct' });
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('role', 'alert');
  await expect(toast).toContainText(error.slice(0, 60));
  await expect(toast).toContainText('import the capture again from its original folder');
  await shot(page, '05-failure-toast');
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

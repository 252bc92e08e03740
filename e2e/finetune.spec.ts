// The Fine-tune screen end to end, in Debian Chromium against the real backend in web mode: import
// the sample capture, fine-tune the shipped model for a few steps, see the loss curves drawn,
// cancel mid-way, resume from the checkpoint, and get the new model with its provenance.
// Screenshots go to test-results/finetune/ (1280x720).
import { expect, test, type Locator } from '@playwright/test';
import { studioSuite } from './helpers/suite';

const SHOTS = 'test-results/finetune';
/** One DFM train step takes ~1.5 s here: long enough to cancel in the middle, short enough to finish. */
const STEPS = 6;

const suite = studioSuite(SHOTS);
const { shot } = suite;

async function stateOf(status: Locator): Promise<string | null> {
  const state = await status.getAttribute('data-state');
  if (state === 'failed') throw new Error(`job failed: ${await status.getByTestId('run-error').textContent()}`);
  return state;
}

/** The training step shown by the run's counter (0 while setting up). */
async function stepOf(status: Locator): Promise<number> {
  const steps = status.getByTestId('run-steps');
  return Number((await steps.getAttribute('data-step')) ?? '0');
}

test('fine-tune, cancel, resume, get the model', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.getByTestId('import-sample').click();
  await expect(page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]')).toHaveCount(1);

  // 1. Settings: nothing chosen is reported; then one capture, the shipped base model, few steps.
  await page.getByTestId('tab-finetune').click();
  const screen = page.getByTestId('finetune-screen');
  await expect(screen.getByTestId('finetune-intro')).toBeVisible();
  await screen.getByTestId('finetune-start').click();
  await expect(screen.getByTestId('field-error')).toHaveText(/at least one capture/);
  await screen.getByTestId('finetune-capture').first().check();
  await expect(screen.getByTestId('finetune-base')).toHaveValue('');
  await screen.getByTestId('finetune-steps').fill(String(STEPS));
  await screen.getByTestId('finetune-name').fill('E2E fine-tune');
  await shot(page, '01-finetune-settings');

  // 2. Start; losses arrive; cancel in the middle.
  await screen.getByTestId('finetune-start').click();
  const status = screen.getByTestId('finetune-status');
  await expect(status).toBeVisible();
  await expect.poll(() => stepOf(status), { timeout: 120_000, message: 'first training step' }).toBeGreaterThanOrEqual(1);
  await expect(screen.getByTestId('loss-legend-item').first()).toBeVisible();
  const stepAtCancel = await stepOf(status);
  expect(stepAtCancel).toBeLessThan(STEPS);
  await shot(page, '02-finetune-running');
  await status.getByTestId('run-cancel').click();
  await expect.poll(() => stateOf(status), { timeout: 60_000 }).toBe('cancelled');
  await expect(status.getByTestId('run-resume')).toBeVisible();
  await shot(page, '03-finetune-cancelled');

  // 3. Resume from the checkpoint and finish.
  await status.getByTestId('run-resume').click();
  await expect.poll(() => stateOf(status), { timeout: 180_000, intervals: [500] }).toBe('succeeded');
  expect(await stepOf(status)).toBe(STEPS);

  // 4. Every loss term is a curve; the terms the trainer reports are all there.
  const lines = screen.getByTestId('loss-line');
  expect(await lines.count()).toBeGreaterThanOrEqual(3);
  const drawn = await lines.evaluateAll((els) => els.map((e) => ({
    key: e.getAttribute('data-key'), points: Number(e.getAttribute('data-points')), d: e.getAttribute('d') ?? '',
  })));
  const keys = drawn.map((l) => l.key);
  for (const term of ['total', 'target', 'novel']) expect(keys).toContain(term);
  for (const l of drawn) {
    expect(l.points, `points of ${l.key}`).toBeGreaterThanOrEqual(2);
    expect(l.d, `path of ${l.key}`).toMatch(/^M[\d.]+ [\d.]+ L/);
  }
  // The legend toggles a line.
  const firstTerm = screen.getByTestId('loss-legend-item').first();
  await firstTerm.click();
  await expect(firstTerm).toHaveAttribute('aria-pressed', 'false');
  expect(await lines.count()).toBe(drawn.length - 1);
  await firstTerm.click();

  // 5. The new model, with its provenance; it is in the gallery too.
  const result = screen.getByTestId('finetune-result');
  await expect(result).toBeVisible();
  await expect(result.getByTestId('finetune-model-name')).toHaveText('E2E fine-tune');
  const provenance = result.getByTestId('finetune-provenance');
  await expect(provenance).toContainText('Default model (shipped)');
  await expect(provenance).toContainText(`Steps${STEPS}`);
  await result.scrollIntoViewIfNeeded();
  await shot(page, '04-finetune-done');
  const modelId = await result.getAttribute('data-id');
  await page.getByTestId('tab-gallery').click();
  await expect(page.locator(`[data-testid=item-card][data-kind=model][data-id="${modelId}"]`)).toHaveAttribute('data-status', 'ok');
  await shot(page, '05-gallery-model');

  // 6. "Generate with it" opens Generate with the new model chosen.
  await page.getByTestId('tab-finetune').click();
  await page.getByTestId('finetune-use').click();
  await expect(page.getByTestId('generate-screen')).toBeVisible();
  await expect(page.getByTestId('generate-model')).toHaveValue(modelId ?? '');
  await shot(page, '06-generate-with-model');
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

// DDRep on the Generate screen, in Debian Chromium against the real backend in web mode with the
// shipped 32x32 image prior: pick "DDRep (image prior)", see the prior's card, start a short SIREN job
// (2 samples, 3 DDIM steps, 10 inner Adam steps: a smoke test of the flow, not of sample quality), watch each sample's estimate change step by step,
// then find the samples side by side, in the gallery with their method badge, and open one as a picture.
// Screenshots go to test-results/generate-ddrep/ (1280x720).
import { expect, test } from '@playwright/test';
import { studioSuite } from './helpers/suite';

const suite = studioSuite('test-results/generate-ddrep', { startTimeoutMs: 180_000 });
const { shot } = suite;

test('a short DDRep SIREN job: per-step estimates, results side by side and in the gallery', async ({ page }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.getByTestId('tab-generate').click();
  const screen = page.getByTestId('generate-screen');
  await screen.getByTestId('generate-method-ddrep').locator('..').click(); // the label (the radio itself is styled away)
  const form = screen.getByTestId('ddrep-form');
  await expect(form).toBeVisible();
  // The prior's card: what it was trained on, read from the shipped file.
  const card = form.getByTestId('model-card');
  await expect(card.getByTestId('model-card-category')).toContainText('procedural toy category');
  await expect(card.getByTestId('model-card-resolution')).toHaveText('32×32 px');
  // Representations come from the shared list; methods carry a hint each.
  await expect(form.getByTestId('ddrep-rep-siren')).toBeChecked();
  await expect(form.getByTestId('ddrep-rep-panorama')).toBeVisible();
  await form.getByTestId('ddrep-method-sds').locator('..').click();
  await expect(form).toContainText('Score distillation');
  await expect(form.getByTestId('ddrep-inner')).toHaveCount(0); // SDS has no inner fit
  await form.getByTestId('ddrep-method-ddrep').locator('..').click();
  // A bad value is refused next to its field, before anything is sent.
  await form.getByTestId('ddrep-samples').fill('12');
  await form.getByTestId('ddrep-start').click();
  await expect(form.locator('#ddrep-samples-error')).toContainText('Choose 1 to 8 samples.');
  await form.getByTestId('ddrep-samples').fill('2');
  await form.getByTestId('ddrep-steps').fill('3');
  await form.getByTestId('ddrep-inner').fill('10');
  await form.getByTestId('ddrep-seed').fill('7');
  await shot(page, '01-ddrep-form');
  await form.getByTestId('ddrep-start').click();

  // Live: one row per sample; the preview grid is rewritten at every step.
  const run = screen.getByTestId('ddrep-run-view');
  await expect(run).toBeVisible();
  await expect(run.getByTestId('ddrep-preview-row')).toHaveCount(2);
  const preview = run.getByTestId('ddrep-preview');
  const seen = new Set<string>();
  await expect.poll(async () => {
    const step = await preview.getAttribute('data-step');
    if (step) seen.add(step);
    return seen.size;
  }, { timeout: 120_000, intervals: [100] }).toBeGreaterThanOrEqual(3);
  await shot(page, '02-ddrep-running');

  // Finished: the two samples side by side, each a picture with its method badge.
  await expect(run.getByTestId('ddrep-status')).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  const results = run.getByTestId('ddrep-result');
  await expect(results).toHaveCount(2);
  await expect(run.getByTestId('ddrep-method-badge').first()).toHaveText('DDRep');
  for (const img of await run.getByTestId('ddrep-result-picture').all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(32);
  }
  await shot(page, '03-ddrep-results');

  // The gallery lists them as scenes with the badge; one opens as a picture with its step strip.
  await page.getByTestId('tab-gallery').click();
  const scenes = page.locator('[data-testid=item-card][data-kind=scene]');
  await expect(scenes).toHaveCount(2);
  await expect(scenes.getByTestId('ddrep-method-badge')).toHaveCount(2);
  await expect(scenes.getByTestId('export-scene')).toHaveCount(0);
  await shot(page, '04-gallery');
  await scenes.first().getByTestId('open-scene').click();
  const viewer = page.getByTestId('picture-viewer');
  await expect(viewer).toHaveAttribute('data-representation', 'image');
  await expect.poll(() => viewer.getByTestId('picture-viewer-image').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(32);
  await expect.poll(() => viewer.getByTestId('picture-viewer-steps').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(3 * 32);
  await shot(page, '05-picture-viewer');
  expect(errors).toEqual([]);
});

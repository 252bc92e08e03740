// The Generate screen is honest about what the model knows, in Debian Chromium against the real
// backend in web mode: the model card shows the shipped model's training domain (category,
// resolution, steps, read from its file) with example photos; the bundled sample capture is
// offered but warned about before sampling; one click on an example makes it the photo and the
// warning goes. Screenshots go to test-results/model-domain/ (1280x720).
import { expect, test } from '@playwright/test';
import { studioSuite } from './helpers/suite';

// The server starts from sources (tsx): give it time on a loaded 2-core machine.
const suite = studioSuite('test-results/model-domain', { startTimeoutMs: 180_000 });
const { shot } = suite;

test('model card, domain warning on the sample capture, an example photo clears it', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(suite.server.url);
  await page.getByTestId('import-sample').click();
  await expect(page.locator('[data-testid=item-card][data-kind=capture][data-status=ok]')).toHaveCount(1);

  await page.getByTestId('tab-generate').click();
  const screen = page.getByTestId('generate-screen');
  // 1. The model card: what the shipped model was trained on, with example photos.
  const card = screen.getByTestId('model-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('model-card-category')).toContainText('procedural toy category');
  await expect(card.getByTestId('model-card-resolution')).toHaveText('64×64 px');
  await expect(card.getByTestId('model-card-steps')).toContainText(/[\d,]+ training steps/);
  const examples = card.getByTestId('model-example');
  await expect(examples).toHaveCount(3);
  for (const img of await examples.locator('img').all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
  }

  // 2. The sample capture is the photo (still offered), and the warning shows before sampling.
  await expect(screen.getByTestId('generate-photo')).toBeChecked();
  const warning = screen.getByTestId('domain-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Far from what the model knows');
  await expect(warning).toContainText('64x64 renders of the procedural toy category');
  await expect(warning.getByTestId('domain-reasons')).toContainText(/of the width/);
  expect(Number(await warning.getAttribute('data-distance'))).toBeGreaterThan(2);
  await expect(screen.getByTestId('generate-start')).toBeEnabled();
  await shot(page, '01-sample-capture-warned');

  // 3. One click on an example: it becomes a capture and the chosen photo; the warning goes.
  await examples.first().click();
  await expect(screen.getByTestId('generate-photo')).toHaveCount(2);
  await expect(screen.locator('.photo-option', { hasText: 'Toy example 1' }).getByTestId('generate-photo')).toBeChecked();
  await expect(screen.getByTestId('domain-warning')).toHaveCount(0);
  await expect(screen.getByTestId('domain-ok')).toContainText('looks like what the model knows');
  await shot(page, '02-example-photo-ok');

  // 4. Back to the sample capture: warned again (the check follows the chosen photo).
  await test.step('back to the sample capture', async () => {
    await screen.locator('.photo-option', { hasText: 'Sample capture' }).click();
    await expect(screen.getByTestId('domain-warning')).toBeVisible();
  });
  expect(errors).toEqual([]);
});

// Before any e2e test: make sure Debian's Chromium exists and the renderer is built.
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../../playwright.config';
// @ts-expect-error plain ESM script without type declarations
import { ensureBuilt } from '../../scripts/start.mjs';

export default function globalSetup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e: ${CHROMIUM_PATH} is missing; run "bash scripts/install-system-deps.sh" first`);
  }
  if (process.env.PARALLAX_E2E_SKIP_BUILD === '1') return;
  (ensureBuilt as (root?: string) => void)();
}

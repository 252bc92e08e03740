// The set-up every studio spec shares: serial tests at 1280x720 against one real web-mode
// server started before the first test and stopped after the last, plus screenshots into the
// spec's folder under test-results/.
import { mkdir } from 'node:fs/promises';
import { test, type Page } from '@playwright/test';
import { startStudioServer, type StartServerOptions, type StudioServer } from './server';

export interface StudioSuite {
  /** The running server (only inside tests and hooks). */
  readonly server: StudioServer;
  shot(page: Page, name: string): Promise<void>;
}

export function studioSuite(shotsDir: string, options: StartServerOptions & { acceptDownloads?: boolean } = {}): StudioSuite {
  const { acceptDownloads, ...serverOptions } = options;
  test.describe.configure({ mode: 'serial' });
  test.use({ viewport: { width: 1280, height: 720 }, ...(acceptDownloads ? { acceptDownloads } : {}) });
  let server: StudioServer | null = null;
  test.beforeAll(async () => {
    await mkdir(shotsDir, { recursive: true });
    server = await startStudioServer(serverOptions);
  });
  test.afterAll(async () => { await server?.stop(); });
  return {
    get server() {
      if (!server) throw new Error('the studio server starts in beforeAll: use suite.server inside a test');
      return server;
    },
    async shot(page, name) { await page.screenshot({ path: `${shotsDir}/${name}.png` }); },
  };
}

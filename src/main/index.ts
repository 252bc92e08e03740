// Electron main entry (bundled to out/main/index.js by electron-vite). The workspace is
// `--workspace <dir>`, else $PARALLAX_WORKSPACE, else the default in the documents folder.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './electron';
import { createStudioService } from './studio';
import { resolveWorkspaceDir } from './workspace';

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

startDesktopApp({
  mainDir: dirname(fileURLToPath(import.meta.url)),
  createService: ({ saveDialog }) =>
    createStudioService({
      workspaceDir: resolveWorkspaceDir(argValue('--workspace') ?? process.env.PARALLAX_WORKSPACE),
      host: 'electron',
      saveDialog,
    }),
}).catch((error: unknown) => {
  console.error(`parallax: the desktop app failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

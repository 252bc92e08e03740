// The desktop app: registers the privileged parallax:// scheme, creates the Studio service,
// one IPC handler per contract method, the studio window and the hidden compute window.
// Everything decided here is policy from plain modules (app-security, ipc-handlers,
// protocol-handler) that are unit-tested without Electron.
import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, protocol, session } from 'electron';
import { IPC_EVENT_CHANNEL, type StudioApi } from '../../shared';
import type { BrowserComputeHost } from '../engine-host/browser-compute-host';
import { APP_ORIGIN, APP_SCHEME, electronCsp, secureWebPreferences, trustedOrigins } from './app-security';
import { createComputeHost } from './compute-window';
import { createIpcHandlers } from './ipc-handlers';
import { handleParallaxRequest } from './protocol-handler';
import { electronSaveDialog } from './save-dialog';
import type { SaveDialog } from '../studio';
import { lockDownSession, lockDownWebContents } from './window-guards';

export interface DesktopAppOptions {
  /**
   * Builds the Studio service once the app is ready. Pass `hooks.saveDialog` on as the service's
   * `saveDialog` option so saveItemFile shows the native save dialog.
   */
  createService(hooks: DesktopServiceHooks): Promise<StudioApi & { workspaceDir: string; close(): Promise<void> }>;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
}

/** What the shell offers the service. */
export interface DesktopServiceHooks {
  saveDialog: SaveDialog;
}

export interface DesktopApp {
  window: BrowserWindow;
  /** The hidden compute window's host; null if it could not start (the studio works without it). */
  computeHost: Promise<BrowserComputeHost | null>;
}

export async function startDesktopApp(options: DesktopAppOptions): Promise<DesktopApp | null> {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  await app.whenReady();

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const csp = electronCsp(devUrl);
  const rendererDir = join(options.mainDir, '..', 'renderer');
  const preload = join(options.mainDir, '..', 'preload', 'index.cjs');
  let studioWindow: BrowserWindow | null = null;
  const service = await options.createService({ saveDialog: electronSaveDialog(() => studioWindow) });
  lockDownSession(session.defaultSession, csp);

  protocol.handle(APP_SCHEME, (request) =>
    handleParallaxRequest(request.url, request.method, { rendererDir, workspaceDir: service.workspaceDir, csp }));

  for (const [channel, handler] of createIpcHandlers(service, trustedOrigins(devUrl))) {
    ipcMain.handle(channel, (event, args: unknown) => handler(event, args));
  }

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Parallax Studio',
    backgroundColor: '#14161a',
    webPreferences: { ...secureWebPreferences(preload) },
  });
  studioWindow = window;
  window.once('ready-to-show', () => window.show());
  const unsubscribe = service.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  await window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);

  // The compute window starts after the studio is visible; a failure here only disables it.
  const computeHost = createComputeHost(preload).then(
    ({ host }) => host,
    (error: unknown) => {
      console.error(`parallax: compute window unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    },
  );

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unsubscribe();
    void computeHost.then((host) => host?.close());
    void service.close();
  });
  return { window, computeHost };
}

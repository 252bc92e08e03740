// Plain (Electron-free) policy for the desktop shell: the app's own origins, the CSP it
// sends, the BrowserWindow webPreferences, and which navigations are allowed.
import { buildCsp } from '../server/csp';
import { originOf } from '../server/request-guard';
import { COMPUTE_ROLE_ARG } from '../../preload/bridge';

export const APP_SCHEME = 'parallax';
/** The studio UI and the compute page are served from here (out/renderer). */
export const APP_ORIGIN = 'parallax://app';
/** Workspace files (fileUrl() in the renderer) are served from here. */
export const WORKSPACE_ORIGIN = 'parallax://workspace';

/** Origins whose frames may call the IPC handlers: the app, plus the dev server in `electron-vite dev`. */
export function trustedOrigins(devServerUrl?: string): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** The CSP header for app pages (dev server: its HMR socket is allowed too). */
export function electronCsp(devServerUrl?: string): string {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  const connectSrc = dev ? [dev, dev.replace(/^http/, 'ws')] : [];
  return buildCsp({ connectSrc, mediaSrc: [WORKSPACE_ORIGIN] });
}

/** Navigation inside a window is allowed only to the page it already shows (reloads). */
export function isAllowedNavigation(targetUrl: string, currentUrl: string): boolean {
  const target = originOf(targetUrl);
  return target !== null && target === originOf(currentUrl) && target === APP_ORIGIN;
}

export interface SecureWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  additionalArguments: string[];
  backgroundThrottling: boolean;
}

/** webPreferences for a window role: the studio UI, or the hidden compute window (marked by an argument, never throttled). */
export function secureWebPreferences(preload: string, role: 'studio' | 'compute' = 'studio'): SecureWebPreferences {
  const compute = role === 'compute';
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    additionalArguments: compute ? [COMPUTE_ROLE_ARG] : [],
    // The hidden compute window must keep running at full speed.
    backgroundThrottling: !compute,
  };
}

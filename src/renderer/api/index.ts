// The renderer's one way to the backend. `getStudioApi()` returns the Electron bridge client
// when the preload exposed `window.parallax`, else a web-mode client for the page's origin;
// both satisfy StudioApi. `fileUrl()` builds the matching URL for a workspace file.
import type { StudioApi } from '../../shared';
import { createBridgeClient, isParallaxBridge } from './bridge-client';
import { buildFileUrl } from './file-url';
import { createWebClient } from './web-client';

let cached: StudioApi | null = null;

function bridge(): unknown {
  return (globalThis as { parallax?: unknown }).parallax;
}

/** True inside the desktop app (the preload bridge is present). */
export function isDesktopApp(): boolean {
  return isParallaxBridge(bridge());
}

export function getStudioApi(): StudioApi {
  if (!cached) {
    const b = bridge();
    cached = isParallaxBridge(b) ? createBridgeClient(b) : createWebClient();
  }
  return cached;
}

/** URL of a workspace file (e.g. a preview PNG or a GLB) for <img>, fetch or three.js loaders. */
export function fileUrl(workspaceRelativePath: string): string {
  return buildFileUrl(workspaceRelativePath, isDesktopApp() ? 'electron' : 'web');
}

export { createBridgeClient, isParallaxBridge, unwrapResult } from './bridge-client';
export type { BridgeResult, ParallaxBridgeLike } from './bridge-client';
export { createWebClient, WEB_CLIENT_DEFAULTS } from './web-client';
export type { WebClientOptions, WebSocketLike, WebStudioClient } from './web-client';
export { buildFileUrl, encodeWorkspacePath } from './file-url';
export type { FileUrlMode } from './file-url';
export { desktopPathForFile, newUploadId, uploadFiles, UPLOAD_DEFAULTS } from './upload';
export type { UploadEntry, UploadOptions, UploadProgress } from './upload';

export { startDesktopApp } from './desktop-app';
export type { DesktopApp, DesktopAppOptions, DesktopServiceHooks } from './desktop-app';
export { electronSaveDialog } from './save-dialog';
export { saveDialogOptions } from './save-dialog-options';
export type { SaveDialogOptionsLike } from './save-dialog-options';
export { createComputeHost } from './compute-window';
export {
  APP_ORIGIN, APP_SCHEME, WORKSPACE_ORIGIN, electronCsp, isAllowedNavigation, secureWebPreferences, trustedOrigins,
} from './app-security';
export type { SecureWebPreferences } from './app-security';
export { createIpcHandler, createIpcHandlers, senderRefusal } from './ipc-handlers';
export type { IpcHandler, IpcInvokeEventLike } from './ipc-handlers';
export { handleParallaxRequest } from './protocol-handler';
export type { ProtocolRoots } from './protocol-handler';
export { lockDownSession, lockDownWebContents } from './window-guards';

// Builds the `window.parallax` object from an ipcRenderer (kept free of the electron import
// so it is unit-tested without Electron): one function per contract method, each invoking
// only its own channel, plus onEvent, plus getPathForFile (Electron's webUtils: the real path
// of a dropped or picked File, so the renderer can call importCapture({ path })). Nothing
// generic (no invoke/send/on) is exposed.
import { IPC_EVENT_CHANNEL, STUDIO_METHOD_NAMES, ipcChannel, type StudioEvent } from '../shared';
import type { BridgeResult, ParallaxBridge } from './bridge';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The part of Electron's webUtils the bridge uses. */
export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

export function buildBridge(ipc: IpcRendererLike, webUtils?: WebUtilsLike): ParallaxBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of STUDIO_METHOD_NAMES) {
    const channel = ipcChannel(method);
    bridge[method] = (args: unknown): Promise<BridgeResult> => ipc.invoke(channel, args ?? {}) as Promise<BridgeResult>;
  }
  bridge.onEvent = (listener: (event: StudioEvent) => void): (() => void) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload as StudioEvent);
    ipc.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipc.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  };
  // Electron's documented pattern (webUtils in the preload, behind contextBridge). A non-File
  // argument makes webUtils throw; the renderer then gets '' (no path) instead of an error.
  bridge.getPathForFile = (file: unknown): string => {
    if (!webUtils || file === null || typeof file !== 'object') return '';
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  };
  return Object.freeze(bridge) as ParallaxBridge;
}

// The hidden, sandboxed compute window for BrowserComputeHost: loads parallax://app/compute.html
// (Chromium's WebGPU, WebGL, wasm) and talks to main over a MessageChannelMain whose far end
// the preload forwards to the page. No studio API is exposed in this window.
import { BrowserWindow, MessageChannelMain } from 'electron';
import { BrowserComputeHost, type BrowserComputeHostOptions, type ComputeTransport } from '../engine-host/browser-compute-host';
import type { ComputeToHost } from '../../shared/compute-protocol';
import { COMPUTE_PORT_CHANNEL } from '../../preload/bridge';
import { APP_ORIGIN, secureWebPreferences } from './app-security';
import { lockDownWebContents } from './window-guards';

export async function createComputeHost(
  preloadPath: string,
  options: Partial<BrowserComputeHostOptions> = {},
): Promise<{ host: BrowserComputeHost; window: BrowserWindow }> {
  const window = new BrowserWindow({
    show: false,
    width: 320,
    height: 240,
    webPreferences: { ...secureWebPreferences(preloadPath, 'compute') },
  });
  lockDownWebContents(window.webContents);
  const { port1, port2 } = new MessageChannelMain();
  const listeners = new Set<(m: ComputeToHost) => void>();
  port1.on('message', (event) => {
    for (const listener of listeners) listener(event.data as ComputeToHost);
  });
  port1.start();
  const transport: ComputeTransport = {
    post: (message) => port1.postMessage(message),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      port1.close();
      if (!window.isDestroyed()) window.destroy();
    },
  };
  const host = new BrowserComputeHost(transport, options);
  // A crashed or killed compute renderer fails its jobs; the app itself lives on.
  window.webContents.on('render-process-gone', (_event, details) => {
    host.close();
    console.error(`parallax: compute window renderer gone (${details.reason})`);
  });
  await window.loadURL(`${APP_ORIGIN}/compute.html`);
  window.webContents.postMessage(COMPUTE_PORT_CHANNEL, null, [port2]);
  return { host, window };
}

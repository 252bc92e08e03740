// Preload (bundled into ONE CommonJS file, runs with sandbox: true and contextIsolation).
// Studio windows get `window.parallax` (see build-bridge.ts): one function per contract
// method plus onEvent; no generic invoke/send. The hidden compute window gets nothing on
// window; it only receives its MessagePort from main, forwarded to the page.
// `getPathForFile` wraps webUtils.getPathForFile for drag-and-drop import (no IPC involved).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { COMPUTE_PORT_CHANNEL, COMPUTE_PORT_MESSAGE, COMPUTE_ROLE_ARG } from './bridge';
import { buildBridge } from './build-bridge';

if (process.argv.includes(COMPUTE_ROLE_ARG)) {
  ipcRenderer.on(COMPUTE_PORT_CHANNEL, (event) => {
    window.postMessage({ type: COMPUTE_PORT_MESSAGE }, '*', event.ports);
  });
} else {
  contextBridge.exposeInMainWorld('parallax', buildBridge(ipcRenderer, webUtils));
}

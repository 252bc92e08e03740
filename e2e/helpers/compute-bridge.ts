// Connects a BrowserComputeHost in the test process to the compute page in Chromium the same
// way the desktop app does: the page receives one end of a MessageChannel through
// window.postMessage({ type: 'parallax-compute-port' }); the other end is bridged to Node.
import type { Page } from '@playwright/test';
import type { ComputeTransport } from '../../src/main/engine-host/browser-compute-host';
import type { ComputeToHost, HostToCompute } from '../../src/shared/compute-protocol';

export async function connectComputePage(page: Page): Promise<ComputeTransport> {
  const listeners = new Set<(m: ComputeToHost) => void>();
  await page.exposeFunction('__parallaxComputeToHost', (message: ComputeToHost) => {
    for (const listener of listeners) listener(message);
  });
  const transport: ComputeTransport = {
    post(message: HostToCompute) {
      void page.evaluate((m) => (window as unknown as { __parallaxHostToCompute(m: unknown): void }).__parallaxHostToCompute(m), message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
    },
  };
  return transport;
}

/** Hand the page its port (call after the host subscribed, so 'ready' is not missed). */
export async function sendComputePort(page: Page): Promise<void> {
  await page.evaluate(() => {
    const channel = new MessageChannel();
    const w = window as unknown as {
      __parallaxComputeToHost(m: unknown): void;
      __parallaxHostToCompute(m: unknown): void;
    };
    channel.port1.onmessage = (event) => w.__parallaxComputeToHost(event.data);
    w.__parallaxHostToCompute = (m) => channel.port1.postMessage(m);
    window.postMessage({ type: 'parallax-compute-port' }, '*', [channel.port2]);
  });
}

// Host-side protocol logic of BrowserComputeHost over an in-memory transport whose far end is
// driven by the test (the real page + worker are proven in e2e/compute-host.spec.ts).
import { describe, expect, it } from 'vitest';
import type { ComputeToHost, HostToCompute } from '../../shared/compute-protocol';
import { TINY_FIELD_DEFAULTS } from '../../shared/compute-protocol';
import { BrowserComputeHost, type ComputeTransport } from './browser-compute-host';

function pair() {
  const sent: HostToCompute[] = [];
  const listeners = new Set<(m: ComputeToHost) => void>();
  let closed = false;
  const transport: ComputeTransport = {
    post: (m) => sent.push(m),
    onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: () => (closed = true),
  };
  const reply = (m: ComputeToHost) => listeners.forEach((l) => l(m));
  return { transport, sent, reply, isClosed: () => closed };
}
const job = { kind: 'tiny-field' as const, ...TINY_FIELD_DEFAULTS };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BrowserComputeHost', () => {
  it('waits for ready, relays progress and resolves with the result', async () => {
    const p = pair();
    const host = new BrowserComputeHost(p.transport, { backend: 'wasm' });
    const seen: number[] = [];
    const running = host.run(job, { onProgress: (x) => seen.push(x.step) });
    await tick();
    expect(p.sent).toEqual([]);
    p.reply({ type: 'ready' });
    await tick();
    expect(p.sent).toEqual([{ type: 'run', jobId: 'compute-1', job, backend: 'wasm' }]);
    p.reply({ type: 'progress', jobId: 'compute-1', progress: { step: 1, total: 2, losses: { loss: 1 }, etaSeconds: 1 } });
    p.reply({ type: 'progress', jobId: 'other', progress: { step: 9, total: 9, losses: {}, etaSeconds: null } });
    const result = { status: 'succeeded' as const, steps: 2, losses: { loss: 0.5 }, backend: 'wasm' as const, adapter: 'x', leakedTensors: 0 };
    p.reply({ type: 'done', jobId: 'compute-1', result });
    expect(await running).toEqual(result);
    expect(seen).toEqual([1]);
  });

  it('sends cancel once shouldStop turns true, and fails jobs on page errors', async () => {
    const p = pair();
    const host = new BrowserComputeHost(p.transport);
    p.reply({ type: 'ready' });
    let stop = false;
    const running = host.run(job, { shouldStop: () => stop });
    await tick();
    stop = true;
    p.reply({ type: 'progress', jobId: 'compute-1', progress: { step: 1, total: 2, losses: {}, etaSeconds: null } });
    p.reply({ type: 'progress', jobId: 'compute-1', progress: { step: 2, total: 2, losses: {}, etaSeconds: null } });
    expect(p.sent.filter((m) => m.type === 'cancel')).toEqual([{ type: 'cancel', jobId: 'compute-1' }]);
    p.reply({ type: 'error', jobId: 'compute-1', message: 'worker crashed: boom' });
    await expect(running).rejects.toThrow('compute job failed: worker crashed: boom');
  });

  it('times out when the page never gets ready, and close rejects running jobs', async () => {
    const p = pair();
    const host = new BrowserComputeHost(p.transport, { readyTimeoutMs: 20 });
    await expect(host.run(job)).rejects.toThrow(/not ready after 20 ms/);
    p.reply({ type: 'ready' });
    const running = host.run(job);
    await tick();
    host.close();
    await expect(running).rejects.toThrow(/closed/);
    expect(p.isClosed()).toBe(true);
  });
});

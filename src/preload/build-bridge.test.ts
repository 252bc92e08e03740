import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, STUDIO_METHOD_NAMES, ipcChannel, type StudioEvent } from '../shared';
import { buildBridge, type IpcRendererLike, type WebUtilsLike } from './build-bridge';

function recordingIpc() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({}, payload));
  return { ipc, invoked, emit, count: (c: string) => listeners.get(c)?.size ?? 0 };
}

describe('preload bridge', () => {
  it('exposes exactly one function per contract method plus onEvent and getPathForFile, frozen', () => {
    const bridge = buildBridge(recordingIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...STUDIO_METHOD_NAMES, 'onEvent', 'getPathForFile'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer']) expect(generic in bridge).toBe(false);
  });
  it('each method invokes only its own channel with its one argument', async () => {
    const rec = recordingIpc();
    const bridge = buildBridge(rec.ipc);
    for (const m of STUDIO_METHOD_NAMES) await bridge[m]({ x: m });
    expect(rec.invoked).toEqual(STUDIO_METHOD_NAMES.map((m) => ({ channel: ipcChannel(m), args: [{ x: m }] })));
  });
  it('onEvent subscribes to the event channel and unsubscribes', () => {
    const rec = recordingIpc();
    const bridge = buildBridge(rec.ipc);
    const seen: StudioEvent[] = [];
    const off = bridge.onEvent((e) => seen.push(e));
    rec.emit(IPC_EVENT_CHANNEL, { type: 'workspace' });
    off();
    rec.emit(IPC_EVENT_CHANNEL, { type: 'workspace', kind: 'scene' });
    expect(seen).toEqual([{ type: 'workspace' }]);
    expect(rec.count(IPC_EVENT_CHANNEL)).toBe(0);
  });
  it('getPathForFile asks webUtils for objects only, never touches IPC, and turns failures into ""', () => {
    const rec = recordingIpc();
    const seen: unknown[] = [];
    const webUtils: WebUtilsLike = {
      getPathForFile: (f) => {
        seen.push(f);
        if ((f as { name?: string }).name === 'made-in-page') throw new Error('not a real file');
        return `/home/me/${(f as { name: string }).name}`;
      },
    };
    const bridge = buildBridge(rec.ipc, webUtils);
    expect(bridge.getPathForFile({ name: 'lego.zip' })).toBe('/home/me/lego.zip');
    expect(bridge.getPathForFile({ name: 'made-in-page' })).toBe('');
    expect(bridge.getPathForFile('/etc/passwd')).toBe('');
    expect(bridge.getPathForFile(null)).toBe('');
    expect(seen).toHaveLength(2);
    expect(rec.invoked).toEqual([]);
    expect(buildBridge(rec.ipc).getPathForFile({ name: 'x' })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { STUDIO_METHOD_NAMES, StudioError, type StudioEvent } from '../../shared';
import { createBridgeClient, isParallaxBridge, type ParallaxBridgeLike } from './bridge-client';
import { buildFileUrl, encodeWorkspacePath } from './file-url';

function bridgeAnswering(answer: (method: string, args: unknown) => unknown): ParallaxBridgeLike {
  const bridge: Record<string, unknown> = {};
  for (const m of STUDIO_METHOD_NAMES) bridge[m] = async (args: unknown) => answer(m, args);
  bridge.onEvent = (listener: (e: StudioEvent) => void) => {
    listener({ type: 'workspace' });
    return () => undefined;
  };
  return bridge as ParallaxBridgeLike;
}

describe('bridge client', () => {
  it('recognises a complete bridge only', () => {
    expect(isParallaxBridge(bridgeAnswering(() => null))).toBe(true);
    expect(isParallaxBridge({ getInfo: () => null })).toBe(false);
    expect(isParallaxBridge(undefined)).toBe(false);
  });
  it('unwraps results and rethrows errors as StudioError', async () => {
    const api = createBridgeClient(bridgeAnswering((m, args) =>
      m === 'getItem'
        ? { ok: false, error: { code: 'not-found', message: 'gone', field: 'id' } }
        : m === 'listJobs' ? 'garbage' : { ok: true, value: { m, args } }));
    expect(await api.listItems({ kind: 'scene' })).toEqual({ m: 'listItems', args: { kind: 'scene' } });
    const err = await api.getItem({ kind: 'scene', id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect(err).toMatchObject({ code: 'not-found', message: 'gone', field: 'id' });
    await expect(api.listJobs({})).rejects.toMatchObject({ code: 'internal' });
    const seen: StudioEvent[] = [];
    api.onEvent((e) => seen.push(e));
    expect(seen).toEqual([{ type: 'workspace' }]);
  });
});

describe('fileUrl', () => {
  it('encodes segments for both transports', () => {
    expect(encodeWorkspacePath('scenes/a b/#1.png')).toBe('scenes/a%20b/%231.png');
    expect(buildFileUrl('scenes/s1/preview.png', 'electron')).toBe('parallax://workspace/scenes/s1/preview.png');
    expect(buildFileUrl('scenes\\s1\\preview.png', 'web')).toBe('/files/scenes/s1/preview.png');
  });
});

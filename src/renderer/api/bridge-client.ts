// StudioApi over the Electron preload bridge (`window.parallax`): unwraps the result
// envelopes and rethrows failures as StudioError (code, message, field preserved).
import { STUDIO_METHOD_NAMES, StudioError, type StudioApi, type StudioErrorPayload, type StudioEvent } from '../../shared';

/** Structural copy of src/preload/bridge.ts (the renderer may import only shared). */
export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: StudioErrorPayload };
export type ParallaxBridgeLike = Record<string, unknown> & {
  onEvent(listener: (event: StudioEvent) => void): () => void;
};

export function isParallaxBridge(value: unknown): value is ParallaxBridgeLike {
  if (typeof value !== 'object' || value === null) return false;
  const bridge = value as Record<string, unknown>;
  return typeof bridge.onEvent === 'function' && STUDIO_METHOD_NAMES.every((m) => typeof bridge[m] === 'function');
}

export function unwrapResult(method: string, result: unknown): unknown {
  const envelope = result as BridgeResult | undefined;
  if (envelope && envelope.ok === true) return envelope.value;
  if (envelope && envelope.ok === false && envelope.error) {
    throw new StudioError(envelope.error.code, envelope.error.message, envelope.error.field);
  }
  throw new StudioError('internal', `${method}: malformed reply from the desktop backend`);
}

export function createBridgeClient(bridge: ParallaxBridgeLike): StudioApi {
  const api: Record<string, unknown> = {};
  for (const method of STUDIO_METHOD_NAMES) {
    const call = bridge[method] as (args: unknown) => Promise<BridgeResult>;
    api[method] = async (args: unknown) => unwrapResult(method, await call(args ?? {}));
  }
  api.onEvent = (listener: (event: StudioEvent) => void) => bridge.onEvent(listener);
  return api as StudioApi;
}

// Test helper: initialise a TensorFlow.js backend in Node for engine tests.
//
// - cpu: built into @tensorflow/tfjs.
// - wasm: @tensorflow/tfjs-backend-wasm with its .wasm files from node_modules (setWasmPaths).
// - webgpu: Dawn from the npm package `webgpu`, installed as navigator.gpu before
//   @tensorflow/tfjs-backend-webgpu loads; only where an adapter exists (e.g. Mesa lavapipe).
// tfjs is a process-wide singleton: `useBackend` switches with tf.setBackend, so tests that
// compare backends call it before each backend's computation.
// The loading logic is the production one (src/main/engine-host/backend-select.ts), so the
// tests exercise exactly what the app runs.
import { selectBackend } from '../../main/engine-host/backend-select';
import type { Tf } from '../tf';

export type TestBackend = 'cpu' | 'wasm' | 'webgpu';
export const TEST_BACKENDS: readonly TestBackend[] = ['cpu', 'wasm', 'webgpu'];

export type BackendStatus =
  | { ok: true; name: TestBackend; tf: Tf; adapter: string }
  | { ok: false; name: TestBackend; reason: string };

/** Initialise (first call) and activate a backend; never throws, reports why it is unavailable. */
export async function useBackend(name: TestBackend): Promise<BackendStatus> {
  try {
    const { tf, adapter } = await selectBackend(name);
    return { ok: true, name, tf, adapter };
  } catch (err) {
    return { ok: false, name, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Initialise every test backend once; prints one line per backend that is skipped and why. */
export async function availableBackends(names: readonly TestBackend[] = TEST_BACKENDS): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  for (const name of names) {
    const status = await useBackend(name);
    if (!status.ok) console.log(`[backends] skipping ${name}: ${status.reason}`);
    out.push(status);
  }
  return out;
}

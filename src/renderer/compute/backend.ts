// Backend choice inside the compute worker: Chromium's WebGPU first, then WebGL (on an
// OffscreenCanvas), then wasm (SIMD when available), then plain JS cpu.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ComputeBackendChoice, ComputeBackendName } from '../../shared/compute-protocol';

export const AUTO_ORDER: ComputeBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

type GpuLike = { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };

async function describe(name: ComputeBackendName): Promise<string> {
  if (name === 'webgpu') {
    const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
    const adapter = await gpu?.requestAdapter();
    const info = adapter?.info ?? {};
    const text = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
    return `Chromium WebGPU${text ? `: ${text}` : ''}`;
  }
  if (name === 'webgl') return `WebGL ${tf.env().getNumber('WEBGL_VERSION')} (OffscreenCanvas)`;
  if (name === 'wasm') return tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'wasm SIMD' : 'wasm';
  return 'JavaScript cpu';
}

async function tryBackend(name: ComputeBackendName): Promise<boolean> {
  if (name === 'webgpu') {
    const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
    if (!gpu || !(await gpu.requestAdapter().catch(() => null))) return false;
  }
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

export async function selectComputeBackend(choice: ComputeBackendChoice): Promise<{ tf: typeof tf; backend: ComputeBackendName; adapter: string }> {
  const order = choice === 'auto' ? AUTO_ORDER : [choice];
  const tried: string[] = [];
  for (const name of order) {
    if (await tryBackend(name)) {
      await tf.ready();
      return { tf, backend: name, adapter: await describe(name) };
    }
    tried.push(name);
  }
  throw new Error(`no TensorFlow.js backend could start in the compute worker (tried ${tried.join(', ')})`);
}

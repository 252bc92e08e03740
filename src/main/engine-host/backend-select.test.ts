// Backend selection against the real backends of this machine. The only stub is the optional
// native package (@tensorflow/tfjs-node[-gpu]), which cannot be installed here.
import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { isSoftwareAdapter, selectBackend } from './backend-select';
import type { BackendChoice, BackendLoaders } from './backend-select';

/** Stub of the native package: importing it registers a 'tensorflow' backend (here: the CPU kernels). */
const fakeTensorflowPackage: BackendLoaders['tensorflow'] = async () => {
  if (tf.findBackendFactory('tensorflow')) return { packageName: '@tensorflow/tfjs-node' }; // imported once
  const cpu = tf.findBackend('cpu') ?? (await tf.setBackend('cpu'), tf.findBackend('cpu'));
  const Ctor = cpu!.constructor as new () => tf.KernelBackend;
  tf.registerBackend('tensorflow', () => new Ctor());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
  return { packageName: '@tensorflow/tfjs-node' };
};
const missingPackage: BackendLoaders['tensorflow'] = async () => {
  throw new Error("Cannot find package '@tensorflow/tfjs-node'");
};

afterEach(() => {
  if (tf.findBackendFactory('tensorflow')) {
    for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
    tf.removeBackend('tensorflow');
  }
});

/** [[1, 2], [3, 4]] x [5, 6]^T = [17, 39], summed: 56. */
async function sumOfProducts(): Promise<number> {
  const t = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).sum());
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

/** Is a WebGPU adapter present? Probed through the real path; prints one line when not. */
async function webgpuStatus(): Promise<string | null> {
  try {
    await selectBackend('webgpu');
    return null;
  } catch (err) {
    const reason = (err as Error).message;
    console.log(`[backend-select.test] webgpu unavailable, skipping its checks: ${reason}`);
    return reason;
  }
}

describe('selectBackend', () => {
  it('cpu: JavaScript CPU, active and computing', async () => {
    const sel = await selectBackend('cpu');
    expect(sel).toMatchObject({ backend: 'cpu', adapter: 'JavaScript CPU' });
    expect(sel.tf.getBackend()).toBe('cpu');
    expect(await sumOfProducts()).toBe(56);
  });

  it('wasm: reports SIMD and threads, active and computing', async () => {
    const sel = await selectBackend('wasm');
    expect(sel.backend).toBe('wasm');
    expect(sel.adapter).toMatch(/^WebAssembly( SIMD)?, \d+ threads?$/);
    expect(tf.getBackend()).toBe('wasm');
    expect(await sumOfProducts()).toBe(56);
  });

  it('webgpu: the adapter is described when one exists, else a clear reason', async () => {
    const reason = await webgpuStatus();
    if (reason !== null) {
      expect(reason).toMatch(/^backend 'webgpu' is unavailable: /);
      return;
    }
    const sel = await selectBackend('webgpu');
    expect(sel.adapter).toMatch(/^WebGPU: \S/);
    expect(tf.getBackend()).toBe('webgpu');
    expect(await sumOfProducts()).toBe(56);
  });

  it('tensorflow: explicit choice without the optional package throws saying why', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(
      /^backend 'tensorflow' is unavailable: neither optional package is installed or loads \(@tensorflow\/tfjs-node-gpu: .+; @tensorflow\/tfjs-node: .+\)$/,
    );
    await expect(selectBackend('tensorflow', { tensorflow: missingPackage })).rejects.toThrow(
      "backend 'tensorflow' is unavailable: Cannot find package '@tensorflow/tfjs-node'",
    );
  });

  it('tensorflow: used (and preferred by auto) when the package loads', async () => {
    const sel = await selectBackend('tensorflow', { tensorflow: fakeTensorflowPackage });
    expect(sel).toMatchObject({ backend: 'tensorflow', adapter: 'TensorFlow native (@tensorflow/tfjs-node)' });
    expect(tf.getBackend()).toBe('tensorflow');
    expect(await sumOfProducts()).toBe(56);
    const auto = await selectBackend('auto', { tensorflow: fakeTensorflowPackage });
    expect(auto.backend).toBe('tensorflow');
  });

  it('auto without the package: webgpu on a hardware adapter, else wasm', async () => {
    const reason = await webgpuStatus();
    const hardware = reason === null && !isSoftwareAdapter((await selectBackend('webgpu')).adapter);
    const sel = await selectBackend('auto', { tensorflow: missingPackage });
    expect(sel.backend).toBe(hardware ? 'webgpu' : 'wasm');
    expect(tf.getBackend()).toBe(sel.backend);
  });

  it('recognises software adapters', () => {
    expect(isSoftwareAdapter('WebGPU: mesa / software / llvmpipe: Mesa 25.0.7')).toBe(true);
    expect(isSoftwareAdapter('WebGPU: Google / swiftshader')).toBe(true);
    expect(isSoftwareAdapter('WebGPU: nvidia / ampere / NVIDIA GeForce RTX 3080')).toBe(false);
  });

  it('rejects an unknown choice naming the value', async () => {
    await expect(selectBackend('cuda' as BackendChoice)).rejects.toThrow(
      /backend-select\.ts: backend choice must be one of auto\|tensorflow\|webgpu\|wasm\|cpu, got "cuda"/,
    );
  });
});

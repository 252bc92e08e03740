// Choose and initialise the TensorFlow.js backend for engine work in Node (worker threads, CLI,
// tests). The engine never does this itself; it receives the ready `tf` namespace.
//
// auto order: tensorflow (only if @tensorflow/tfjs-node-gpu or -node is installed and loads;
// optional, never a dependency) -> webgpu (npm `webgpu` = Dawn, when a hardware adapter exists;
// a software adapter such as Mesa lavapipe is skipped by auto) -> wasm (SIMD) -> cpu. tfjs is a process-wide singleton: selecting a backend makes it the
// active one for every user of `tf` in this process (tf.setBackend switches between them).
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Tf } from '../../engine/tf';

export type BackendChoice = 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export type BackendName = Exclude<BackendChoice, 'auto'>;

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];
export const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];

export interface SelectedBackend {
  tf: Tf;
  backend: BackendName;
  /** Human description: GPU adapter, 'WebAssembly SIMD, 1 thread', 'JavaScript CPU', ... */
  adapter: string;
}

/**
 * Injection seam for the optional native package, used only by tests to stub it.
 * `tensorflow` must import the package (which registers tfjs backend 'tensorflow') and return
 * its name, or throw when it is not installed / does not load.
 */
export interface BackendLoaders {
  tensorflow: () => Promise<{ packageName: string }>;
}

const FILE = 'src/main/engine-host/backend-select.ts';
const TF_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

async function loadTensorflowPackage(): Promise<{ packageName: string }> {
  const reasons: string[] = [];
  for (const packageName of TF_NODE_PACKAGES) {
    const specifier: string = packageName; // a variable: bundlers and tsc must not resolve it
    try {
      await import(/* @vite-ignore */ specifier);
      return { packageName };
    } catch (err) {
      reasons.push(`${packageName}: ${firstLine(err)}`);
    }
  }
  throw new Error(`neither optional package is installed or loads (${reasons.join('; ')})`);
}

export const DEFAULT_LOADERS: BackendLoaders = { tensorflow: loadTensorflowPackage };

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

async function activate(name: string): Promise<void> {
  if (!tf.findBackendFactory(name)) throw new Error(`tfjs backend '${name}' is not registered`);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
}

async function initTensorflow(loaders: BackendLoaders): Promise<string> {
  const { packageName } = await loaders.tensorflow();
  await activate('tensorflow');
  return `TensorFlow native (${packageName})`;
}

/** CPU-emulated WebGPU adapters (Mesa lavapipe/llvmpipe, SwiftShader): correct but slower than wasm. */
export function isSoftwareAdapter(description: string): boolean {
  return /software|llvmpipe|lavapipe|swiftshader/i.test(description);
}

let gpuAdapterInfo: Promise<string> | null = null;

/** Install Dawn as navigator.gpu (before the tfjs webgpu backend loads) and describe its adapter. */
function probeWebGpu(): Promise<string> {
  gpuAdapterInfo ??= (async () => {
    const g = globalThis as { navigator?: { gpu?: GPU } };
    if (!g.navigator?.gpu) {
      const { create, globals } = await import('webgpu');
      Object.assign(globalThis, globals);
      const gpu = create([]);
      if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
      // A bare { gpu } navigator breaks libraries that sniff navigator.userAgent (gltf-validator's
      // Dart runtime calls userAgent.indexOf), so the installed navigator carries one.
      else Object.defineProperty(globalThis, 'navigator', {
        value: { gpu, userAgent: `Node.js/${process.version}` }, configurable: true, writable: true,
      });
    }
    const adapter = await g.navigator!.gpu!.requestAdapter();
    if (!adapter) {
      throw new Error('no WebGPU adapter (no GPU driver; on Debian install Mesa lavapipe: scripts/install-system-deps.sh)');
    }
    const info = adapter.info;
    const parts = [info.vendor, info.architecture, info.description || info.device].filter((s) => s);
    return parts.join(' / ') || 'WebGPU adapter';
  })();
  gpuAdapterInfo.catch(() => { gpuAdapterInfo = null; });
  return gpuAdapterInfo;
}

async function initWebGpu(): Promise<string> {
  const adapter = await probeWebGpu();
  await import('@tensorflow/tfjs-backend-webgpu');
  await activate('webgpu');
  return `WebGPU: ${adapter}`;
}

let wasmModule: Promise<typeof import('@tensorflow/tfjs-backend-wasm')> | null = null;

async function initWasm(): Promise<string> {
  wasmModule ??= (async () => {
    const mod = await import('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    mod.setWasmPaths(dist + path.sep);
    return mod;
  })();
  const mod = await wasmModule;
  await activate('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = mod.getThreadsCount();
  return `WebAssembly${simd ? ' SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`;
}

async function initCpu(): Promise<string> {
  await activate('cpu');
  return 'JavaScript CPU';
}

async function init(name: BackendName, loaders: BackendLoaders, auto: boolean): Promise<string> {
  if (auto && name === 'webgpu') {
    // auto prefers wasm over a CPU-emulated adapter (measured ~30x slower here, bench/render.ts);
    // choosing 'webgpu' explicitly still uses it.
    const adapter = await probeWebGpu();
    if (isSoftwareAdapter(adapter)) throw new Error(`only a software adapter (${adapter}); wasm is faster`);
  }
  switch (name) {
    case 'tensorflow': return initTensorflow(loaders);
    case 'webgpu': return initWebGpu();
    case 'wasm': return initWasm();
    case 'cpu': return initCpu();
  }
}

/**
 * Initialise and activate a backend. An explicit choice that is unavailable throws an error
 * saying why; 'auto' takes the first that works in AUTO_ORDER.
 */
export async function selectBackend(
  choice: BackendChoice, loaders: Partial<BackendLoaders> = {},
): Promise<SelectedBackend> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new Error(`${FILE}: backend choice must be one of ${BACKEND_CHOICES.join('|')}, got ${JSON.stringify(choice)}`);
  }
  const all: BackendLoaders = { ...DEFAULT_LOADERS, ...loaders };
  const order = choice === 'auto' ? AUTO_ORDER : [choice];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      const adapter = await init(name, all, choice === 'auto');
      return { tf, backend: name, adapter };
    } catch (err) {
      reasons.push(`${name}: ${firstLine(err)}`);
    }
  }
  if (choice === 'auto') throw new Error(`no TensorFlow.js backend could be initialised (${reasons.join('; ')})`);
  throw new Error(`backend '${choice}' is unavailable: ${reasons[0].slice(choice.length + 2)}`);
}

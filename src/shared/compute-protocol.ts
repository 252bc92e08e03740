// Messages between BrowserComputeHost (main process, or a test harness) and the compute page,
// and between the compute page and its Web Worker. Structured-clone data only.
// Types only plus one guard; shared by main (BrowserComputeHost), the compute page and e2e.

export type ComputeBackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type ComputeBackendName = Exclude<ComputeBackendChoice, 'auto'>;

/** A small real engine job: fit a Fourier-feature MLP image field to a procedural image with Adam. */
export interface TinyFieldJob {
  kind: 'tiny-field';
  /** Image side length in pixels. */
  size: number;
  steps: number;
  hidden: number;
  learningRate: number;
  seed: number;
}

export const TINY_FIELD_DEFAULTS: Omit<TinyFieldJob, 'kind'> = {
  size: 16, steps: 60, hidden: 32, learningRate: 0.01, seed: 7,
};

/**
 * Volume fitting with the engine's modules (procedural capture, camera rays, volume renderer):
 * a positional-encoding MLP radiance field fitted to `views` procedural views with Adam.
 */
export interface VolumeFitJob {
  kind: 'volume-fit';
  /** Image side length of each procedural view. */
  size: number;
  views: number;
  steps: number;
  batchRays: number;
  samples: number;
  hidden: number;
  learningRate: number;
  seed: number;
}

export const VOLUME_FIT_DEFAULTS: Omit<VolumeFitJob, 'kind'> = {
  size: 16, views: 4, steps: 30, batchRays: 256, samples: 24, hidden: 32, learningRate: 0.01, seed: 3,
};

export type ComputeJob = TinyFieldJob | VolumeFitJob;

export interface ComputeProgress {
  step: number;
  total: number;
  losses: Record<string, number>;
  etaSeconds: number | null;
}

export interface ComputeResult {
  status: 'succeeded' | 'stopped';
  steps: number;
  losses: Record<string, number>;
  backend: ComputeBackendName;
  adapter: string;
  /** Leaked tensors at the end of the job (should be 0). */
  leakedTensors: number;
}

export type HostToCompute =
  | { type: 'run'; jobId: string; job: ComputeJob; backend: ComputeBackendChoice }
  | { type: 'cancel'; jobId: string };

export type ComputeToHost =
  | { type: 'ready' }
  | { type: 'backend'; jobId: string; backend: ComputeBackendName; adapter: string }
  | { type: 'progress'; jobId: string; progress: ComputeProgress }
  | { type: 'done'; jobId: string; result: ComputeResult }
  | { type: 'error'; jobId: string; message: string };

/** What the page sends its worker (the worker runs exactly one job). */
export type PageToWorker = { type: 'run'; job: ComputeJob; backend: ComputeBackendChoice } | { type: 'cancel' };
export type WorkerToPage =
  | { type: 'backend'; backend: ComputeBackendName; adapter: string }
  | { type: 'progress'; progress: ComputeProgress }
  | { type: 'done'; result: ComputeResult }
  | { type: 'error'; message: string };

/** window.postMessage type that hands the page its MessagePort (see src/preload/bridge.ts). */
export const COMPUTE_PORT_MESSAGE = 'parallax-compute-port';

export function isHostToCompute(value: unknown): value is HostToCompute {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.jobId !== 'string') return false;
  if (m.type === 'cancel') return true;
  return m.type === 'run' && typeof m.job === 'object' && m.job !== null && typeof m.backend === 'string';
}

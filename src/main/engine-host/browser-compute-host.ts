// BrowserComputeHost: runs engine jobs in a Web Worker inside a compute page (in the desktop
// app a hidden, sandboxed window using Chromium's WebGPU; see src/main/electron/compute-window.ts).
// Transport-agnostic: anything that moves HostToCompute/ComputeToHost messages will do (an
// Electron MessagePortMain, or Playwright bridging a page's MessagePort in e2e tests).
import type {
  ComputeBackendChoice, ComputeBackendName, ComputeJob, ComputeProgress, ComputeResult, ComputeToHost, HostToCompute,
} from '../../shared/compute-protocol';

export interface ComputeTransport {
  post(message: HostToCompute): void;
  /** Subscribe to messages from the page; returns an unsubscribe function. */
  onMessage(listener: (message: ComputeToHost) => void): () => void;
  close(): void;
}

export interface ComputeRunHooks {
  onBackend?(backend: ComputeBackendName, adapter: string): void;
  onProgress?(progress: ComputeProgress): void;
  /** Polled on every message; when true the host asks the page to stop the job. */
  shouldStop?(): boolean;
}

export interface BrowserComputeHostOptions {
  backend: ComputeBackendChoice;
  /** How long to wait for the page's 'ready' message. */
  readyTimeoutMs: number;
}

export const BROWSER_COMPUTE_HOST_DEFAULTS: BrowserComputeHostOptions = { backend: 'auto', readyTimeoutMs: 30_000 };

interface PendingJob {
  hooks: ComputeRunHooks;
  resolve(result: ComputeResult): void;
  reject(error: Error): void;
  cancelSent: boolean;
}

export class BrowserComputeHost {
  private readonly options: BrowserComputeHostOptions;
  private readonly jobs = new Map<string, PendingJob>();
  private readonly unsubscribe: () => void;
  private readyResolve: (() => void) | null = null;
  private readonly readyPromise: Promise<void>;
  private counter = 0;
  private closed = false;

  constructor(private readonly transport: ComputeTransport, options: Partial<BrowserComputeHostOptions> = {}) {
    this.options = { ...BROWSER_COMPUTE_HOST_DEFAULTS, ...options };
    this.readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
    this.unsubscribe = transport.onMessage((message) => this.receive(message));
  }

  /** Resolves once the compute page announced itself; rejects after readyTimeoutMs. */
  ready(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`BrowserComputeHost: compute page not ready after ${this.options.readyTimeoutMs} ms`)), this.options.readyTimeoutMs);
    });
    return Promise.race([this.readyPromise, timeout]).finally(() => clearTimeout(timer));
  }

  async run(job: ComputeJob, hooks: ComputeRunHooks = {}): Promise<ComputeResult> {
    if (this.closed) throw new Error('BrowserComputeHost: closed');
    await this.ready();
    const jobId = `compute-${++this.counter}`;
    return new Promise<ComputeResult>((resolve, reject) => {
      this.jobs.set(jobId, { hooks, resolve, reject, cancelSent: false });
      this.transport.post({ type: 'run', jobId, job, backend: this.options.backend });
    });
  }

  /** Ask every running job to stop (they resolve with status 'stopped'). */
  cancelAll(): void {
    for (const jobId of this.jobs.keys()) this.transport.post({ type: 'cancel', jobId });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const job of this.jobs.values()) job.reject(new Error('BrowserComputeHost: closed while the job was running'));
    this.jobs.clear();
    this.transport.close();
  }

  private receive(message: ComputeToHost): void {
    if (message.type === 'ready') {
      this.readyResolve?.();
      return;
    }
    const job = this.jobs.get(message.jobId);
    if (!job) return;
    if (!job.cancelSent && job.hooks.shouldStop?.()) {
      job.cancelSent = true;
      this.transport.post({ type: 'cancel', jobId: message.jobId });
    }
    switch (message.type) {
      case 'backend':
        job.hooks.onBackend?.(message.backend, message.adapter);
        break;
      case 'progress':
        job.hooks.onProgress?.(message.progress);
        break;
      case 'done':
        this.jobs.delete(message.jobId);
        job.resolve(message.result);
        break;
      case 'error':
        this.jobs.delete(message.jobId);
        job.reject(new Error(`compute job failed: ${message.message}`));
        break;
    }
  }
}

// NodeKernelPool: the engine's KernelPool on worker_threads + SharedArrayBuffer. Chunk c of a
// run goes to thread c % threads; every buffer of a run must live in `alloc` memory (checked),
// so the threads read and write the caller's arrays in place. A thread that throws or dies
// fails the run and disposes the pool; dispose() terminates every thread (call it on finish,
// cancel and error so no thread keeps the process alive).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KernelArgs, KernelPool } from '../../engine/parallel';
import type { KernelReply, KernelTask } from './kernel-worker';

export const BUNDLED_KERNEL_WORKER_FILE = 'kernel-worker.js';

/** Thread entry: the TS source through the tsx bootstrap (CLI, vitest) or the bundled file (electron-vite). */
export function resolveKernelWorker(here = import.meta.url): { url: URL; tsEntry?: string } {
  if (new URL(here).pathname.endsWith('.ts')) {
    return { url: new URL('./ts-worker-bootstrap.mjs', here), tsEntry: new URL('./kernel-worker.ts', here).href };
  }
  const candidates = [new URL(`./${BUNDLED_KERNEL_WORKER_FILE}`, here), new URL(`../${BUNDLED_KERNEL_WORKER_FILE}`, here)];
  return { url: candidates.find((u) => existsSync(fileURLToPath(u))) ?? candidates[0] };
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

interface Pending { resolve(v: unknown[]): void; reject(e: Error): void; results: unknown[]; waiting: number }

export class NodeKernelPool implements KernelPool {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private disposed = false;

  constructor(threads = defaultThreads()) {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new Error(`NodeKernelPool: threads has bad value ${threads} (expected an integer 1..256)`);
    this.threads = threads;
    const entry = resolveKernelWorker();
    for (let i = 0; i < threads; i++) {
      const w = new Worker(entry.url, { workerData: { __entry: entry.tsEntry } });
      w.on('message', (m: KernelReply) => this.onReply(m));
      w.on('error', (e) => this.fail(new Error(`kernel thread ${i} crashed: ${e.message}`)));
      w.on('exit', (code) => { if (!this.disposed) this.fail(new Error(`kernel thread ${i} exited unexpectedly with code ${code}`)); });
      this.workers.push(w);
    }
  }

  alloc(bytes: number): SharedArrayBuffer {
    return new SharedArrayBuffer(bytes);
  }

  run<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): Promise<R[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.reject(new Error('NodeKernelPool: run() after dispose()'));
    for (const [name, b] of Object.entries(args.buffers)) {
      if (!(b.buffer instanceof SharedArrayBuffer)) {
        return Promise.reject(new Error(`NodeKernelPool.run("${kernel}"): buffer "${name}" is not in shared memory (allocate it with pool.alloc)`));
      }
    }
    const id = this.nextId++;
    const used = Math.min(this.threads, chunkCount);
    return new Promise<R[]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown[]) => void, reject, results: new Array(chunkCount), waiting: used });
      for (let t = 0; t < used; t++) {
        const chunks: number[] = [];
        for (let c = t; c < chunkCount; c += this.threads) chunks.push(c);
        this.workers[t].postMessage({ id, kernel, args, chunks, chunkCount } satisfies KernelTask);
      }
      if (used === 0) { this.pending.delete(id); resolve([]); }
    });
  }

  private onReply(m: KernelReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if ('error' in m) { this.pending.delete(m.id); p.reject(new Error(`kernel failed: ${m.error}`)); return; }
    for (const [c, v] of m.results) p.results[c] = v;
    if (--p.waiting === 0) { this.pending.delete(m.id); p.resolve(p.results); }
  }

  private fail(e: Error): void {
    if (this.failure || this.disposed) return;
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    void this.dispose();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.pending.values()) p.reject(new Error('NodeKernelPool: disposed while a run was pending'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

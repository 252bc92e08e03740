// Parallel-for over independent chunks with shared memory (DESIGN.md "Parallel kernels").
// The engine stays pure: it names a kernel from a registry (kernels are plain functions over
// typed arrays) and asks its host's KernelPool to run chunks 0..chunkCount-1 of it. A host
// with threads (src/main/engine-host/node-kernel-pool.ts) runs chunk c on thread c % threads
// over SharedArrayBuffer-backed arrays; SerialKernelPool runs every chunk in order, in process
// (tests, hosts without threads). A kernel must make chunk c's result depend only on its
// arguments and c, never on which thread ran it, so results do not depend on the pool.

/** Typed arrays a kernel reads and writes; with a threaded pool they must live in `pool.alloc` memory. */
export type KernelBuffer = Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

export interface KernelArgs {
  buffers: Record<string, KernelBuffer>;
  /** Small structured-cloneable values (numbers, strings, plain objects). */
  params: Record<string, unknown>;
}

/** Per-thread state a kernel may cache between runs (e.g. a scratch Marcher). */
export type KernelScratch = Map<string, unknown>;

export type KernelFn = (args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch) => unknown;

export interface KernelPool {
  readonly threads: number;
  /** Memory the pool's threads share (SharedArrayBuffer on threaded hosts). */
  alloc(bytes: number): ArrayBufferLike;
  /** Run chunks 0..chunkCount-1 of `kernel`; resolves to their results indexed by chunk. */
  run<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): Promise<R[]>;
  /** Stop the pool's threads; the pool cannot run afterwards. Idempotent. */
  dispose(): Promise<void>;
}

export type KernelRegistry = Readonly<Record<string, KernelFn>>;

export function lookupKernel(registry: KernelRegistry, name: string): KernelFn {
  const fn = registry[name];
  if (!fn) throw new Error(`kernel pool: kernel "${name}" is not registered (known: ${Object.keys(registry).join(', ')})`);
  return fn;
}

/** One thread, in process: every chunk in order. Also what Trainer uses without a pool. */
export class SerialKernelPool implements KernelPool {
  readonly threads = 1;
  private readonly scratch: KernelScratch = new Map();
  private disposed = false;

  constructor(private readonly registry: KernelRegistry) {}

  alloc(bytes: number): ArrayBuffer {
    return new ArrayBuffer(bytes);
  }

  runSync<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): R[] {
    if (this.disposed) throw new Error('kernel pool: run() after dispose()');
    const fn = lookupKernel(this.registry, kernel);
    const out: R[] = [];
    for (let c = 0; c < chunkCount; c++) out.push(fn(args, c, chunkCount, this.scratch) as R);
    return out;
  }

  async run<R = unknown>(kernel: string, args: KernelArgs, chunkCount: number): Promise<R[]> {
    return this.runSync<R>(kernel, args, chunkCount);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scratch.clear();
  }
}

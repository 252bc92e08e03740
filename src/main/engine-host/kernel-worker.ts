// Entry of a NodeKernelPool thread: runs the chunks of engine kernels it is sent, over the
// shared arrays in the message, and answers with their results (or the error).
// Protocol: in  { id, kernel, args, chunks: number[], chunkCount }
//           out { id, results: [chunk, value][] } | { id, error }
import { parentPort } from 'node:worker_threads';
import { ENGINE_KERNELS, lookupKernel, type KernelArgs, type KernelScratch } from '../../engine/parallel';

export interface KernelTask { id: number; kernel: string; args: KernelArgs; chunks: number[]; chunkCount: number }
export type KernelReply = { id: number; results: [number, unknown][] } | { id: number; error: string };

const scratch: KernelScratch = new Map();
const port = parentPort;
if (!port) throw new Error('kernel-worker: must run in a worker thread');

port.on('message', (task: KernelTask) => {
  try {
    const fn = lookupKernel(ENGINE_KERNELS, task.kernel);
    const results: [number, unknown][] = task.chunks.map((c) => [c, fn(task.args, c, task.chunkCount, scratch)]);
    port.postMessage({ id: task.id, results } satisfies KernelReply);
  } catch (e) {
    port.postMessage({ id: task.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) } satisfies KernelReply);
  }
});

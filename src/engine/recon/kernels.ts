// Kernels of the voxel trainer that a KernelPool runs on its threads (see ../parallel).
//
// 'recon.march': chunk c of a ray batch. The batch (ray indices [B] and jitters [B]) is drawn
// on the calling thread from the trainer's one Prng, so which rays are marched does not depend
// on the thread count; chunk c marches rays [floor(cB/C), floor((c+1)B/C)) with this thread's
// Marcher and accumulates dL/dgrid into chunk c's own gradient buffers (gD{c} [N], gC{c}
// [N*3K], touched{c} [N], list{c} [N]). The trainer then sums the chunks in chunk order.
//
// 'recon.adam-gather' / 'recon.adam-apply': the two phases of sparse Adam (sparse-adam.ts) on
// chunk c of the merged touched list (list0[0..count)); each vertex is handled by one chunk and
// reads/writes only its own entries, so the result does not depend on the split.
import type { KernelArgs, KernelRegistry, KernelScratch } from '../parallel/kernel-pool';
import type { VoxelGrid } from './grid';
import { Marcher, type GradBuffers, type MarchParams } from './marcher';
import { applyRange, gatherRange, type AdamMoments, type AdamParams } from './sparse-adam';
import type { Aabb } from './types';

/** The grid's shape without its arrays (sent as params; the arrays travel as buffers). */
export interface GridShape {
  nx: number; ny: number; nz: number; k: number;
  aabb: Aabb; cell: [number, number, number]; inv: [number, number, number];
}

export interface MarchChunkResult {
  /** Sum of squared colour errors over the chunk's rays and channels. */
  se: number;
  /** Entries of list{c} filled by this chunk. */
  count: number;
}

export function gridShape(g: VoxelGrid): GridShape {
  return { nx: g.nx, ny: g.ny, nz: g.nz, k: g.k, aabb: g.aabb, cell: g.cell, inv: g.inv };
}

export function chunkRange(chunk: number, chunkCount: number, total: number): [number, number] {
  return [Math.floor((chunk * total) / chunkCount), Math.floor(((chunk + 1) * total) / chunkCount)];
}

function gridOf(args: KernelArgs): VoxelGrid {
  const shape = args.params.grid as GridShape;
  return { ...shape, density: args.buffers.density as Float32Array, color: args.buffers.color as Float32Array };
}

function gradsOf(args: KernelArgs, c: number, count = 0): GradBuffers {
  const b = args.buffers;
  return {
    density: b[`gD${c}`] as Float32Array, color: b[`gC${c}`] as Float32Array,
    touched: b[`touched${c}`] as Uint8Array, list: b[`list${c}`] as Int32Array, count,
  };
}

function marchKernel(args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch): MarchChunkResult {
  const b = args.buffers;
  const p = args.params.march as MarchParams;
  const B = args.params.batch as number, norm = args.params.norm as number;
  let m = scratch.get('recon.marcher') as Marcher | undefined;
  if (!m) { m = new Marcher(); scratch.set('recon.marcher', m); }
  const grid = gridOf(args);
  const occ = (b.occ as Uint8Array | undefined) ?? null;
  const grads = gradsOf(args, chunk);
  const origins = b.origins as Float32Array, dirs = b.dirs as Float32Array, colors = b.colors as Float32Array;
  const batch = b.batch as Int32Array, jitter = b.jitter as Float64Array;
  const [from, to] = chunkRange(chunk, chunkCount, B);
  let se = 0;
  for (let i = from; i < to; i++) {
    const o = 3 * batch[i];
    m.forward(grid, occ, p, origins[o], origins[o + 1], origins[o + 2], dirs[o], dirs[o + 1], dirs[o + 2], jitter[i], true);
    const er = m.r - colors[o], eg = m.g - colors[o + 1], eb = m.b - colors[o + 2];
    se += er * er + eg * eg + eb * eb;
    m.backward(grid, p, er * norm, eg * norm, eb * norm, grads);
  }
  return { se, count: grads.count };
}

function adamGatherKernel(args: KernelArgs, chunk: number, chunkCount: number): void {
  const chunks = args.params.chunks as number, count = args.params.count as number;
  const gs = Array.from({ length: chunks }, (_, c) => gradsOf(args, c));
  const [from, to] = chunkRange(chunk, chunkCount, count);
  gatherRange(gridOf(args), gs, args.params.adam as AdamParams, from, to);
}

function adamApplyKernel(args: KernelArgs, chunk: number, chunkCount: number): void {
  const b = args.buffers, count = args.params.count as number;
  const m: AdamMoments = { mD: b.mD as Float32Array, vD: b.vD as Float32Array, mC: b.mC as Float32Array, vC: b.vC as Float32Array, t: args.params.t as number };
  const [from, to] = chunkRange(chunk, chunkCount, count);
  applyRange(gridOf(args), gradsOf(args, 0), m, args.params.adam as AdamParams, m.t, from, to);
}

export const RECON_KERNELS: KernelRegistry = {
  'recon.march': marchKernel as KernelRegistry[string],
  'recon.adam-gather': adamGatherKernel as KernelRegistry[string],
  'recon.adam-apply': adamApplyKernel as KernelRegistry[string],
};

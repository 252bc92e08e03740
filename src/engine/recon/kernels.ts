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
import { EXPOSURE_STRIDE } from './exposure';
import type { VoxelGrid } from './grid';
import type { SceneSpace } from './space';
import { Marcher, type GradBuffers, type MarchParams } from './marcher';
import { applyRange, gatherRange, type AdamMoments, type AdamParams } from './sparse-adam';
import type { Aabb } from './types';

/** The grid's shape without its arrays (sent as params; the arrays travel as buffers). */
export interface GridShape {
  nx: number; ny: number; nz: number; k: number;
  aabb: Aabb; cell: [number, number, number]; inv: [number, number, number];
  /** Contracted / NDC grids march in their own space on every thread (absent = world box). */
  space?: SceneSpace;
}

export interface MarchChunkResult {
  /** Sum of squared colour errors over the chunk's rays and channels. */
  se: number;
  /** Entries of list{c} filled by this chunk. */
  count: number;
}

export function gridShape(g: VoxelGrid): GridShape {
  const shape: GridShape = { nx: g.nx, ny: g.ny, nz: g.nz, k: g.k, aabb: g.aabb, cell: g.cell, inv: g.inv };
  if (g.space) shape.space = g.space;
  return shape;
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
  // Per-image exposure (exposure.ts): C' = exp(s_v) C + b_v, gradients into this chunk's gE.
  const exposure = b.exposure as Float32Array | undefined;
  const viewOf = b.viewOf as Uint16Array | undefined, gE = b[`gE${chunk}`] as Float32Array | undefined;
  let se = 0;
  for (let i = from; i < to; i++) {
    const ray = batch[i], o = 3 * ray;
    m.forward(grid, occ, p, origins[o], origins[o + 1], origins[o + 2], dirs[o], dirs[o + 1], dirs[o + 2], jitter[i], true);
    if (exposure && viewOf && gE) {
      const e = EXPOSURE_STRIDE * viewOf[ray];
      const kr = Math.exp(exposure[e]), kg = Math.exp(exposure[e + 1]), kb = Math.exp(exposure[e + 2]);
      const er = kr * m.r + exposure[e + 3] - colors[o], eg = kg * m.g + exposure[e + 4] - colors[o + 1], eb = kb * m.b + exposure[e + 5] - colors[o + 2];
      se += er * er + eg * eg + eb * eb;
      gE[e] += er * norm * kr * m.r; gE[e + 1] += eg * norm * kg * m.g; gE[e + 2] += eb * norm * kb * m.b;
      gE[e + 3] += er * norm; gE[e + 4] += eg * norm; gE[e + 5] += eb * norm;
      m.backward(grid, p, kr * er * norm, kg * eg * norm, kb * eb * norm, grads);
      continue;
    }
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

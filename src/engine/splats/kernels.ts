// Kernels of the splat rasterizer that a KernelPool runs on its threads (see ../parallel).
// Every kernel reads its arrays from args.buffers (shared memory on threaded hosts) and the
// camera, SH layout, Gaussian count and chunk count from args.params. Chunk c handles:
//   'splats.project'      Gaussians [floor(cN/C), floor((c+1)N/C))
//   'splats.raster'       tiles t with t % C == c: depth-sort the tile's list, composite it
//   'splats.raster-back'  the same tiles, accumulating into chunk c's own buffer gbuf{c} [N*9]
//   'splats.project-back' a Gaussian range: gbuf0 += gbuf1 + ... in chunk order, then the
//                         preprocessing backward into the parameter gradients.
//   'splats.loss-1..4'    image rows [floor(cH/C), floor((c+1)H/C)): the four passes of the
//                         training loss (loss.ts), each returning its chunk's sums.
//   'splats.adam'         a Gaussian range: one Adam step (params.ts adamRange) over the
//                         parameters p_*, gradients g_*, moments m_*, v_*.
// The chunk count is fixed by the caller (not the thread count), so the result is the same
// bit for bit with 1 or more threads.
import type { KernelArgs, KernelBuffer, KernelRegistry, KernelScratch } from '../parallel/kernel-pool';
import type { SplatCamera } from './camera';
import { lossPass1, lossPass2, lossPass3, lossPass4, type LossImages } from './loss';
import { adamRange, type ParamKey } from './params';
import { GRAD_STRIDE, ProjectScratch, projectBackwardRange, projectRange, type GaussianArrays, type Projected, type ShLayout } from './project';
import { RasterScratch, type Clamps, rasterTile, rasterTileBackward, sortTile, type RasterOut, type TileLists } from './raster';

export interface SplatKernelParams { cam: SplatCamera; sh: ShLayout; n: number; bg: [number, number, number]; clamps: Clamps }

export function chunkRange(chunk: number, chunkCount: number, total: number): [number, number] {
  return [Math.floor((chunk * total) / chunkCount), Math.floor(((chunk + 1) * total) / chunkCount)];
}

const f32 = (b: Record<string, KernelBuffer>, k: string) => b[k] as Float32Array;

function params(b: Record<string, KernelBuffer>, prefix = ''): GaussianArrays {
  return {
    positions: f32(b, `${prefix}positions`), logScales: f32(b, `${prefix}logScales`), rotations: f32(b, `${prefix}rotations`),
    opacityLogits: f32(b, `${prefix}opacityLogits`), shDc: f32(b, `${prefix}shDc`), shRest: f32(b, `${prefix}shRest`),
  };
}

function projected(b: Record<string, KernelBuffer>): Projected {
  return {
    mean2d: f32(b, 'mean2d'), conic: f32(b, 'conic'), depth: f32(b, 'depth'), radius: b.radius as Int32Array,
    rect: b.rect as Int32Array, color: f32(b, 'color'), opacity: f32(b, 'opacity'), clamped: b.clamped as Uint8Array,
  };
}

function scratchOf<T>(scratch: KernelScratch, key: string, make: () => T): T {
  let v = scratch.get(key) as T | undefined;
  if (!v) { v = make(); scratch.set(key, v); }
  return v;
}

function project(args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch): void {
  const p = args.params as unknown as SplatKernelParams;
  const [from, to] = chunkRange(chunk, chunkCount, p.n);
  projectRange(params(args.buffers), p.sh, p.cam, from, to, projected(args.buffers), scratchOf(scratch, 'splats.project', () => new ProjectScratch()));
}

function lists(b: Record<string, KernelBuffer>): TileLists { return { offsets: b.offsets as Int32Array, ids: b.ids as Int32Array }; }
function rasterOut(b: Record<string, KernelBuffer>): RasterOut {
  return { image: f32(b, 'image'), finalT: f32(b, 'finalT'), nContrib: b.nContrib as Int32Array };
}

function raster(args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch): void {
  const p = args.params as unknown as SplatKernelParams;
  const sc = scratchOf(scratch, 'splats.raster', () => new RasterScratch());
  const pr = projected(args.buffers), li = lists(args.buffers), out = rasterOut(args.buffers);
  for (let t = chunk; t < p.cam.tilesX * p.cam.tilesY; t += chunkCount) {
    sortTile(t, pr, li, sc);
    rasterTile(t, p.cam, p.bg, pr, li, out, sc, p.clamps);
  }
}

function rasterBack(args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch): void {
  const p = args.params as unknown as SplatKernelParams;
  const sc = scratchOf(scratch, 'splats.raster', () => new RasterScratch());
  const grad = f32(args.buffers, `gbuf${chunk}`);
  grad.fill(0, 0, GRAD_STRIDE * p.n);
  const pr = projected(args.buffers), li = lists(args.buffers), out = rasterOut(args.buffers);
  for (let t = chunk; t < p.cam.tilesX * p.cam.tilesY; t += chunkCount) {
    rasterTileBackward(t, p.cam, p.bg, pr, li, out, f32(args.buffers, 'gImage'), grad, sc, p.clamps);
  }
}

function projectBack(args: KernelArgs, chunk: number, chunkCount: number, scratch: KernelScratch): void {
  const p = args.params as unknown as SplatKernelParams;
  const gradChunks = args.params.gradChunks as number;
  const [from, to] = chunkRange(chunk, chunkCount, p.n);
  const g0 = f32(args.buffers, 'gbuf0');
  for (let c = 1; c < gradChunks; c++) {
    const gc = f32(args.buffers, `gbuf${c}`);
    for (let k = GRAD_STRIDE * from; k < GRAD_STRIDE * to; k++) g0[k] += gc[k];
  }
  projectBackwardRange(
    params(args.buffers), p.sh, p.cam, projected(args.buffers), g0, from, to, params(args.buffers, 'g_'),
    f32(args.buffers, 'ndcGrad'), scratchOf(scratch, 'splats.project', () => new ProjectScratch()),
  );
}

export interface AdamKernelParams { n: number; t: number; lr: Record<ParamKey, number>; restPerChannel: number; restActive: number }

function adam(args: KernelArgs, chunk: number, chunkCount: number): void {
  const p = args.params as unknown as AdamKernelParams, b = args.buffers;
  const [from, to] = chunkRange(chunk, chunkCount, p.n);
  adamRange({ p: params(b, 'p_'), g: params(b, 'g_'), m: params(b, 'm_'), v: params(b, 'v_') }, p.restPerChannel, p.restActive, from, to, p.t, p.lr);
}

function lossImages(args: KernelArgs): LossImages {
  const b = args.buffers, p = args.params as { w: number; h: number };
  return { render: f32(b, 'render'), target: f32(b, 'target'), grad: f32(b, 'grad'), hp: b.hp as Float64Array, gp: b.gp as Float64Array, w: p.w, h: p.h };
}
const rows = (args: KernelArgs, chunk: number, chunkCount: number) => chunkRange(chunk, chunkCount, (args.params as { h: number }).h);
const ssimWeight = (args: KernelArgs) => (args.params as { ssimWeight: number }).ssimWeight;

type K = KernelRegistry[string];
export const SPLAT_KERNELS: KernelRegistry = {
  'splats.project': project as K, 'splats.raster': raster as K, 'splats.raster-back': rasterBack as K, 'splats.project-back': projectBack as K,
  'splats.adam': adam as K,
  'splats.loss-1': ((a, c, C) => lossPass1(lossImages(a), ssimWeight(a), ...rows(a, c, C))) as K,
  'splats.loss-2': ((a, c, C) => lossPass2(lossImages(a), ...rows(a, c, C))) as K,
  'splats.loss-3': ((a, c, C) => lossPass3(lossImages(a), ...rows(a, c, C))) as K,
  'splats.loss-4': ((a, c, C) => lossPass4(lossImages(a), ssimWeight(a), ...rows(a, c, C))) as K,
};

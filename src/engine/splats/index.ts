// 3D Gaussian splatting (Kerbl et al. 2023) in pure TypeScript typed-array kernels: the tile
// rasterizer and its analytic backward pass run as KernelPool kernels over tiles (both cores
// through the host's pool), the trainer follows the paper's optimisation and density control.
export { fitSplats, SPLAT_FIT_DEFAULTS } from './fit';
export type { FittedSplats, SplatFitOptions } from './fit';
export { renderSplats, checkSplatScene, RENDER_SPLATS_DEFAULTS } from './render';
export { scaledSchedule, PAPER_ITERATIONS } from './schedule';
export type { SplatSchedule } from './schedule';
export { SplatTrainer } from './trainer';
export { SplatRasterizer } from './rasterizer';
export { serializeSplatCheckpoint, restoreSplatCheckpoint } from './checkpoint';
export { SPLAT_KERNELS } from './kernels';
export * from './types';

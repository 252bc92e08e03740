export { SerialKernelPool, lookupKernel } from './kernel-pool';
export type { KernelArgs, KernelBuffer, KernelFn, KernelPool, KernelRegistry, KernelScratch } from './kernel-pool';
export { ENGINE_KERNELS } from './registry';

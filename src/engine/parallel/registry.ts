// Every kernel a KernelPool may run, by name. Thread hosts import this one module, so a kernel
// is available on every thread exactly when it is listed here.
import { RECON_KERNELS } from '../recon/kernels';
import { SPLAT_KERNELS } from '../splats/kernels';
import type { KernelRegistry } from './kernel-pool';

export const ENGINE_KERNELS: KernelRegistry = { ...RECON_KERNELS, ...SPLAT_KERNELS };

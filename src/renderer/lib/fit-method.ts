// The two reconstruction methods as the studio shows them: names, the one-line hints of the
// Reconstruct dialog (what each gives and which exports it offers), and which method a job or
// a scene used. Pure functions, unit-tested in fit-method.test.ts.
import type { FitMethod, JobRecord, WorkspaceItem } from '../../shared';

export interface FitMethodInfo {
  value: FitMethod;
  label: string;
  hint: string;
  /** The exports a scene of this method offers (the Export dialog lists the same formats). */
  exports: string;
}

/** In the order the dialog offers them; the voxel field is the default. */
export const FIT_METHOD_INFO: readonly FitMethodInfo[] = [
  {
    value: 'splats', label: 'Gaussian splats',
    hint: 'Sharper on object captures, with a real-time view; no mesh. On real 360° captures with a few minutes, the voxel field is still ahead.',
    exports: 'Exports 3DGS .ply, .spz, .splat and GLB with KHR_gaussian_splatting.',
  },
  {
    value: 'voxels', label: 'Voxel field',
    hint: 'A radiance field baked into a mesh and a volume; crop box for the mesh.',
    exports: 'Exports GLB and PLY meshes, PLY points and turntable frames.',
  },
];

export const DEFAULT_FIT_METHOD: FitMethod = 'voxels';

export function fitMethodLabel(method: FitMethod): string {
  return FIT_METHOD_INFO.find((m) => m.value === method)?.label ?? method;
}

/** The method of a fit job (specs saved before the choice existed parse as voxels); null for other jobs. */
export function jobFitMethod(job: JobRecord): FitMethod | null {
  return job.spec.kind === 'fit' ? job.spec.method : null;
}

/**
 * The method that made a scene: splat fits record settings.method "splats"; other reconstructions
 * are voxel fields. Generated samples and damaged items have none (null).
 */
export function sceneFitMethod(item: WorkspaceItem): FitMethod | null {
  if (item.status !== 'ok' || item.manifest.kind !== 'scene' || item.manifest.origin !== 'reconstruction') return null;
  return item.manifest.settings.method === 'splats' ? 'splats' : 'voxels';
}

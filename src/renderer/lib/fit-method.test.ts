import { describe, expect, it } from 'vitest';
import { JobRecordSchema, WorkspaceItemSchema, type WorkspaceItem } from '../../shared';
import { DEFAULT_FIT_METHOD, FIT_METHOD_INFO, fitMethodLabel, jobFitMethod, sceneFitMethod } from './fit-method';

const now = '2026-01-01T00:00:00.000Z';
const scene = (patch: Record<string, unknown>): WorkspaceItem => WorkspaceItemSchema.parse({
  status: 'ok', kind: 'scene', id: 's',
  manifest: { schemaVersion: 1, id: 's', name: 'S', createdAt: now, updatedAt: now, kind: 'scene', origin: 'reconstruction', files: {}, ...patch },
});
const job = (spec: Record<string, unknown>) => JobRecordSchema.parse({ schemaVersion: 1, id: 'job-1', state: 'running', createdAt: now, updatedAt: now, spec });

describe('fit methods as the studio shows them', () => {
  it('offers both methods, voxel field by default, each naming its exports', () => {
    expect(FIT_METHOD_INFO.map((m) => m.label)).toEqual(['Gaussian splats', 'Voxel field']);
    expect(DEFAULT_FIT_METHOD).toBe('voxels');
    expect(FIT_METHOD_INFO.find((m) => m.value === 'splats')?.exports).toMatch(/\.ply.*\.spz.*\.splat.*KHR_gaussian_splatting/);
    expect(FIT_METHOD_INFO.find((m) => m.value === 'splats')?.hint).toMatch(/no mesh/);
    expect(FIT_METHOD_INFO.find((m) => m.value === 'voxels')?.exports).toMatch(/GLB and PLY meshes/);
    expect(fitMethodLabel('voxels')).toBe('Voxel field');
  });

  it('reads the method of a fit job; other jobs have none', () => {
    expect(jobFitMethod(job({ kind: 'fit', captureId: 'c', method: 'splats' }))).toBe('splats');
    expect(jobFitMethod(job({ kind: 'fit', captureId: 'c', preset: 'draft' }))).toBe('voxels');
    expect(jobFitMethod(job({ kind: 'export', sceneId: 's', format: 'spz' }))).toBeNull();
  });

  it('reads the method of a scene from its settings; samples and damaged items have none', () => {
    expect(sceneFitMethod(scene({ settings: { method: 'splats' } }))).toBe('splats');
    expect(sceneFitMethod(scene({ settings: { preset: 'draft' } }))).toBe('voxels');
    expect(sceneFitMethod(scene({ origin: 'sample' }))).toBeNull();
    expect(sceneFitMethod(WorkspaceItemSchema.parse({ status: 'damaged', kind: 'scene', id: 's', reason: 'x' }))).toBeNull();
  });
});

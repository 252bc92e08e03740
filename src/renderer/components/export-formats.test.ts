import { describe, expect, it } from 'vitest';
import type { WorkspaceItem } from '../../shared';
import { EXPORT_FORMATS, SPLAT_EXPORT_FORMATS, exportFormatsFor, exportSpec, isSplatScene } from './export-formats';

function scene(settings: Record<string, unknown>): WorkspaceItem {
  const now = new Date().toISOString();
  return {
    status: 'ok', kind: 'scene', id: 's1',
    manifest: { schemaVersion: 1, id: 's1', name: 'S', kind: 'scene', createdAt: now, updatedAt: now, origin: 'reconstruction', files: {}, metrics: {}, settings },
  } as WorkspaceItem;
}

describe('export formats per reconstruction method', () => {
  it('splat scenes offer the splat files, voxel scenes the mesh exports', () => {
    expect(isSplatScene(scene({ method: 'splats' }))).toBe(true);
    expect(isSplatScene(scene({ res: 64 }))).toBe(false);
    expect(exportFormatsFor(scene({ method: 'splats' })).map((f) => f.value)).toEqual(['splat-ply', 'spz', 'splat', 'splat-glb']);
    expect(exportFormatsFor(scene({}))).toBe(EXPORT_FORMATS);
    expect(SPLAT_EXPORT_FORMATS.find((f) => f.value === 'splat-glb')?.hint).toMatch(/not yet ratified/);
  });

  it('maps splat choices onto the export job spec', () => {
    const tt = { frames: 36, size: 256 };
    expect(exportSpec('s1', 'splat-ply', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'ply' });
    expect(exportSpec('s1', 'splat-glb', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'glb', preset: 'plain' });
    expect(exportSpec('s1', 'spz', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'spz' });
    expect(exportSpec('s1', 'splat', tt)).toEqual({ kind: 'export', sceneId: 's1', format: 'splat' });
  });
});

import { describe, expect, it } from 'vitest';
import { analyticGrid, analyticVolume, type AnalyticShape } from './analytic-grid';
import { decimateMesh } from './decimate';
import { extractMesh } from './extract-mesh';
import { edgeReport, signedVolume } from './mesh-stats';

const SPHERE: AnalyticShape = { kind: 'sphere', center: [0, 0, 0], radius: 0.6, color: [0.2, 0.6, 0.3] };

describe('decimateMesh', () => {
  const mesh = extractMesh(analyticGrid([SPHERE], { resolution: 48 }));

  it('reaches the target ratio, keeps the shape closed and its colours', async () => {
    const tris = mesh.indices.length / 3;
    const { mesh: out, error } = await decimateMesh(mesh, { ratio: 0.2 });
    const outTris = out.indices.length / 3;
    expect(outTris).toBeLessThanOrEqual(Math.ceil(0.2 * tris));
    expect(outTris).toBeGreaterThan(0.1 * tris);
    expect(error).toBeLessThan(0.01);
    expect(Math.abs(signedVolume(out) / analyticVolume(SPHERE) - 1)).toBeLessThan(0.03);
    expect(edgeReport(out)).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, inconsistentEdges: 0 });
    expect(new Set(out.indices).size).toBe(out.positions.length / 3); // compacted
    for (let i = 0; i < out.colors.length; i++) expect(out.colors[i]).toBeCloseTo(SPHERE.color![i % 3], 5);
  });

  it('ratio 1 returns the mesh unchanged; bad ratios are rejected', async () => {
    expect((await decimateMesh(mesh, { ratio: 1 })).mesh).toBe(mesh);
    await expect(decimateMesh(mesh, { ratio: 0 })).rejects.toThrow(/options\.ratio.*got 0/);
    await expect(decimateMesh(mesh, { targetError: -1 })).rejects.toThrow(/options\.targetError/);
  });
});

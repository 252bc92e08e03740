import { describe, expect, it } from 'vitest';
import type { BakedGrid } from '../grid/types';
import { analyticArea, analyticGrid, analyticVolume, type AnalyticShape } from './analytic-grid';
import { extractMesh } from './extract-mesh';
import { boundingBox, edgeReport, signedVolume, surfaceArea } from './mesh-stats';
import type { Mesh } from './types';

const SPHERE: AnalyticShape = { kind: 'sphere', center: [0.03, -0.02, 0.01], radius: 0.7, color: [0.9, 0.4, 0.1] };
const BOX: AnalyticShape = { kind: 'box', center: [0.01, 0.02, -0.03], halfSize: [0.5, 0.4, 0.3], color: [0.2, 0.5, 0.8] };

const relErr = (measured: number, exact: number): number => Math.abs(measured / exact - 1);

function expectClosedOutward(m: Mesh): void {
  expect(edgeReport(m)).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, inconsistentEdges: 0 });
  expect(signedVolume(m)).toBeGreaterThan(0);
}

describe('extractMesh on analytic shapes (96^3)', () => {
  const sphereGrid = analyticGrid([SPHERE], { resolution: 96 });

  it('sphere, default options (opacity 0.5): area and volume within 2 %, closed, outward', () => {
    const m = extractMesh(sphereGrid);
    const areaErr = relErr(surfaceArea(m), analyticArea(SPHERE));
    const volErr = relErr(signedVolume(m), analyticVolume(SPHERE));
    expect(areaErr).toBeLessThan(0.02);
    expect(volErr).toBeLessThan(0.02);
    // Much better than required in practice; keep a tighter guard so regressions show.
    expect(areaErr).toBeLessThan(0.005);
    expect(volErr).toBeLessThan(0.005);
    expectClosedOutward(m);
    const { edges } = edgeReport(m);
    expect(m.positions.length / 3 - edges + m.indices.length / 3).toBe(2); // Euler: a sphere
  });

  it('sphere normals point outward along the radius and colours come from the surface', () => {
    const m = extractMesh(sphereGrid);
    let minDot = 1;
    let maxColorErr = 0;
    for (let v = 0; v < m.positions.length; v += 3) {
      const r = [0, 1, 2].map((a) => m.positions[v + a] - SPHERE.center[a]);
      const len = Math.hypot(...r);
      minDot = Math.min(minDot, r.reduce((s, x, a) => s + (x / len) * m.normals[v + a], 0));
      for (let a = 0; a < 3; a++) maxColorErr = Math.max(maxColorErr, Math.abs(m.colors[v + a] - SPHERE.color![a]));
    }
    expect(minDot).toBeGreaterThan(0.99);
    expect(maxColorErr).toBeLessThan(1e-5);
  });

  it('sphere on a linear density ramp, field density: area and volume within 0.5 %', () => {
    const grid = analyticGrid([SPHERE], { resolution: 96, profile: 'linear', widthVoxels: 2 });
    const m = extractMesh(grid, { field: 'density', isoLevel: 50 });
    expect(relErr(surfaceArea(m), analyticArea(SPHERE))).toBeLessThan(0.005);
    expect(relErr(signedVolume(m), analyticVolume(SPHERE))).toBeLessThan(0.005);
    expectClosedOutward(m);
  });

  it('box: volume within 2 %, area within 3 % (edges get chamfered by one voxel), closed', () => {
    const m = extractMesh(analyticGrid([BOX], { resolution: 96 }));
    expect(relErr(signedVolume(m), analyticVolume(BOX))).toBeLessThan(0.02);
    expect(relErr(surfaceArea(m), analyticArea(BOX))).toBeLessThan(0.03);
    expectClosedOutward(m);
    const bb = boundingBox(m);
    for (let a = 0; a < 3; a++) {
      const box = BOX as Extract<AnalyticShape, { kind: 'box' }>;
      expect(bb.min[a]).toBeCloseTo(box.center[a] - box.halfSize[a], 2);
      expect(bb.max[a]).toBeCloseTo(box.center[a] + box.halfSize[a], 2);
    }
  });
});

describe('extractMesh options and cleanup', () => {
  const blobs: AnalyticShape[] = [
    { kind: 'sphere', center: [-0.3, 0, 0], radius: 0.45, color: [1, 0, 0] },
    { kind: 'sphere', center: [0.65, 0.5, 0.5], radius: 0.12, color: [0, 1, 0] },
  ];
  const grid = analyticGrid(blobs, { resolution: 48 });

  it('drops a separate small blob as a floater, keeping the big one closed', () => {
    const all = extractMesh(grid, { minComponentFraction: 0, minComponentTriangles: 0 });
    const cleaned = extractMesh(grid, { minComponentFraction: 0.2 });
    const bigOnly = extractMesh(grid, { keepLargest: 1, minComponentFraction: 0 });
    expect(cleaned.indices.length).toBeLessThan(all.indices.length);
    expect(bigOnly.indices.length).toBe(cleaned.indices.length);
    expect(relErr(signedVolume(cleaned), analyticVolume(blobs[0]))).toBeLessThan(0.03);
    expect(relErr(signedVolume(all), analyticVolume(blobs[0]) + analyticVolume(blobs[1]))).toBeLessThan(0.03);
    expectClosedOutward(cleaned);
    // No unused vertices after compaction, and nothing green left.
    const used = new Set(cleaned.indices);
    expect(used.size).toBe(cleaned.positions.length / 3);
    for (let v = 1; v < cleaned.colors.length; v += 3) expect(cleaned.colors[v]).toBeLessThan(0.5);
  });

  it('closes surfaces cut by the grid box, or leaves them open when asked', () => {
    const cut = analyticGrid([{ kind: 'sphere', center: [0.9, 0, 0], radius: 0.5 }], { resolution: 32 });
    expectClosedOutward(extractMesh(cut));
    expect(edgeReport(extractMesh(cut, { closeBoundary: false })).boundaryEdges).toBeGreaterThan(0);
  });

  it("default iso for field 'density' matches field 'opacity' at 0.5 (same surface)", () => {
    const a = extractMesh(grid);
    const b = extractMesh(grid, { field: 'density' });
    expect(b.indices.length).toBe(a.indices.length);
    expect(relErr(signedVolume(b), signedVolume(a))).toBeLessThan(0.01);
  });

  it('opacity colour weighting keeps empty-space colour off the surface; plain does not', () => {
    // A sharp surface (as fitted fields have) with empty space (alpha < 0.05) painted blue.
    const g = analyticGrid([SPHERE], { resolution: 32, widthVoxels: 0.3 });
    const delta = 2 / 32;
    g.density.forEach((sigma, v) => { if (1 - Math.exp(-sigma * delta) < 0.05) g.rgb.set([0, 0, 1], 3 * v); });
    const weighted = extractMesh(g);
    const plain = extractMesh(g, { colorWeighting: 'plain' });
    const meanBlue = (m: Mesh): number => m.colors.filter((_, i) => i % 3 === 2).reduce((s, x) => s + x, 0) / (m.colors.length / 3);
    // The sphere's own blue is 0.1 (measured: weighted 0.105, plain 0.139).
    expect(meanBlue(weighted)).toBeLessThan(0.11);
    expect(meanBlue(plain)).toBeGreaterThan(meanBlue(weighted) + 0.02);
  });

  it('an empty grid gives an empty mesh', () => {
    const g: BakedGrid = { resolution: [4, 4, 4], aabb: { min: [0, 0, 0], max: [1, 1, 1] },
      density: new Float32Array(64), rgb: new Float32Array(192) };
    const m = extractMesh(g);
    expect(m.indices.length).toBe(0);
    expect(m.positions.length).toBe(0);
  });

  it('rejects bad grids and options, naming the field', () => {
    const ok = analyticGrid([SPHERE], { resolution: 8 });
    expect(() => extractMesh({ ...ok, density: new Float32Array(5) })).toThrow(/grid\.density.*length 512/);
    expect(() => extractMesh({ ...ok, rgb: new Float32Array(5) })).toThrow(/grid\.rgb/);
    expect(() => extractMesh({ ...ok, resolution: [8, 8, 1] })).toThrow(/grid\.resolution/);
    expect(() => extractMesh({ ...ok, aabb: { min: [0, 0, 0], max: [1, 0, 1] } })).toThrow(/grid\.aabb axis 1/);
    expect(() => extractMesh(ok, { isoLevel: 2 })).toThrow(/options\.isoLevel.*\(0, 1\)/);
    expect(() => extractMesh(ok, { field: 'sdf' as never })).toThrow(/options\.field/);
    expect(() => extractMesh(ok, { keepLargest: -1 })).toThrow(/options\.keepLargest/);
  });
});

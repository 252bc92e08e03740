import { describe, expect, it } from 'vitest';
import type { BakedGrid } from '../grid/types';
import { analyticGrid } from './analytic-grid';
import { extractMesh } from './extract-mesh';
import { signedVolume } from './mesh-stats';
import { bakeTexture } from './texture-bake';
import type { MeshTexture } from './types';

/** Bilinear lookup like a GPU with LINEAR filtering and CLAMP_TO_EDGE, result in [0,1]. */
function sampleBilinear(tex: MeshTexture, u: number, v: number): number[] {
  const x = u * tex.width - 0.5, y = v * tex.height - 0.5;
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const fx = x - x0, fy = y - y0;
  const texel = (tx: number, ty: number, c: number): number => {
    const cx = Math.min(Math.max(tx, 0), tex.width - 1), cy = Math.min(Math.max(ty, 0), tex.height - 1);
    return tex.rgba[4 * (cx + tex.width * cy) + c] / 255;
  };
  return [0, 1, 2].map((c) =>
    (1 - fy) * ((1 - fx) * texel(x0, y0, c) + fx * texel(x0 + 1, y0, c)) +
    fy * ((1 - fx) * texel(x0, y0 + 1, c) + fx * texel(x0 + 1, y0 + 1, c)));
}

/** A sphere whose colour varies with height: red at the bottom, green at the top. */
function gradientSphere(): BakedGrid {
  const g = analyticGrid([{ kind: 'sphere', center: [0, 0, 0], radius: 0.6 }], { resolution: 24 });
  const n = 24;
  for (let v = 0; v < n * n * n; v++) {
    const y = -1 + (Math.floor(v / n) % n + 0.5) * (2 / n);
    const t = Math.min(Math.max((y + 0.6) / 1.2, 0), 1);
    g.rgb.set([1 - t, t, 0], 3 * v);
  }
  return g;
}

describe('bakeTexture', () => {
  const grid = gradientSphere();
  const mesh = extractMesh(grid);

  it('unwelds the mesh, gives each triangle a UV cell and keeps the geometry', () => {
    const { mesh: out, texture } = bakeTexture(mesh, { grid });
    const tris = mesh.indices.length / 3;
    expect(out.positions.length).toBe(9 * tris);
    expect(texture.uvs.length).toBe(6 * tris);
    expect(Math.log2(texture.width) % 1).toBe(0);
    expect(Math.log2(texture.height) % 1).toBe(0);
    expect(texture.rgba.length).toBe(4 * texture.width * texture.height);
    expect(signedVolume(out)).toBeCloseTo(signedVolume(mesh), 6);
    expect(Math.min(...texture.uvs)).toBeGreaterThan(0);
    expect(Math.max(...texture.uvs)).toBeLessThan(1);
  });

  it('texels reproduce the grid colour: bilinear lookups at triangle points match the grid', () => {
    const { mesh: out, texture } = bakeTexture(mesh, { grid });
    let maxErr = 0;
    const tris = out.indices.length / 3;
    for (let t = 0; t < tris; t += 7) {
      // Triangle centroid and points near each corner.
      for (const w of [[1 / 3, 1 / 3, 1 / 3], [0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]) {
        let u = 0, v = 0, y = 0;
        for (let k = 0; k < 3; k++) {
          u += w[k] * texture.uvs[2 * (3 * t + k)];
          v += w[k] * texture.uvs[2 * (3 * t + k) + 1];
          y += w[k] * out.positions[3 * (3 * t + k) + 1];
        }
        const expected = Math.min(Math.max((y + 0.6) / 1.2, 0), 1);
        const got = sampleBilinear(texture, u, v);
        maxErr = Math.max(maxErr, Math.abs(got[1] - expected), Math.abs(got[0] - (1 - expected)));
      }
    }
    // Texel quantisation plus the 8-bit colour step; a wrong cell would be off by up to 1.
    expect(maxErr).toBeLessThan(0.04); // measured 0.019
  });

  it('without a grid interpolates vertex colours; rejects atlases above maxSize', () => {
    const { texture, mesh: out } = bakeTexture(mesh);
    const got = sampleBilinear(texture, texture.uvs[0], texture.uvs[1]);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(out.colors[c], 1);
    expect(() => bakeTexture(mesh, { maxSize: 64 })).toThrow(/options\.maxSize 64/);
    expect(() => bakeTexture(mesh, { cellSize: 4 })).toThrow(/options\.cellSize/);
  });
});

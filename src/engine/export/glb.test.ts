import { WebIO } from '@gltf-transform/core';
import { KHRMaterialsUnlit } from '@gltf-transform/extensions';
import { describe, expect, it } from 'vitest';
import { validateGlb } from '../../main/validate-gltf';
import { analyticGrid, bakeTexture, decimateMesh, extractMesh, type Mesh } from '../mesh';
import { meshToGlb } from './glb';

const grid = analyticGrid([{ kind: 'sphere', center: [0, 0.2, 0], radius: 0.6, color: [0.8, 0.5, 0.2] }], { resolution: 24 });
const mesh = extractMesh(grid);
const PROVENANCE = {
  source: { kind: 'capture', id: 'cap-123', name: 'lego' },
  settings: { preset: 'standard', resolution: 24, iso: 0.5 },
  engineVersion: '0.1.0',
  seed: 7,
  notANumber: NaN,
  hash: 10n,
};

async function expectValid(glb: Uint8Array): Promise<void> {
  const report = await validateGlb(glb);
  expect(report.messages).toEqual([]);
  expect(report.errors).toBe(0);
  expect(report.warnings).toBe(0);
}

/** The JSON chunk of a GLB (header 12 bytes, then chunk length, type 'JSON', data). */
function glbJson(glb: Uint8Array): any {
  const length = new DataView(glb.buffer, glb.byteOffset).getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + length)));
}

/** A flat n x n vertex sheet (y = 0, normals +Y), 2 (n-1)^2 triangles. */
function sheet(n: number): Mesh {
  const positions = new Float32Array(3 * n * n);
  const normals = new Float32Array(3 * n * n);
  const colors = new Float32Array(3 * n * n).fill(0.5);
  const indices: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = i + n * j;
      positions.set([i / n, 0, j / n], 3 * v);
      normals.set([0, 1, 0], 3 * v);
      if (i + 1 < n && j + 1 < n) indices.push(v, v + n, v + 1, v + 1, v + n, v + n + 1);
    }
  }
  return { positions, normals, colors, indices: Uint32Array.from(indices) };
}

const read = (glb: Uint8Array) => new WebIO().registerExtensions([KHRMaterialsUnlit]).readBinary(glb);

describe('meshToGlb', () => {
  it('validateGlb does report errors (negative control)', async () => {
    const broken = new TextEncoder().encode(JSON.stringify({
      asset: { version: '2.0' }, meshes: [{ primitives: [{ attributes: { POSITION: 5 } }] }],
    }));
    const report = await validateGlb(broken);
    expect(report.errors).toBeGreaterThan(0);
    expect(report.messages.join('\n')).toMatch(/ERROR UNRESOLVED_REFERENCE/);
    await expect(validateGlb(new Uint8Array([1, 2, 3]))).rejects.toThrow(/validate-gltf\.ts/);
  });

  it('writes a GLB with vertex colours that passes the Khronos validator with no issues', async () => {
    const glb = await meshToGlb(mesh, { provenance: PROVENANCE });
    expect(new TextDecoder().decode(glb.subarray(0, 4))).toBe('glTF');
    await expectValid(glb);
    const doc = await read(glb);
    const prim = doc.getRoot().listMeshes()[0].listPrimitives()[0];
    expect(prim.getAttribute('POSITION')!.getCount()).toBe(mesh.positions.length / 3);
    expect(prim.getAttribute('COLOR_0')!.getElementSize()).toBe(3);
    expect(prim.getIndices()!.getArray()).toBeInstanceOf(Uint16Array);
    // COLOR_0 is linear: sRGB 0.8 -> 0.6038.
    expect(prim.getAttribute('COLOR_0')!.getArray()![0]).toBeCloseTo(0.6038, 3);
    expect(prim.getMaterial()!.getExtension('KHR_materials_unlit')).toBeNull();
    const json = glbJson(glb);
    expect(json.asset.generator).toBe('Parallax Studio');
    const expected = { ...PROVENANCE, notANumber: null, hash: '10' };
    expect(json.asset.extras).toEqual({ parallax: expected });
    expect(json.scenes[json.scene].extras).toEqual({ parallax: expected });
    expect(doc.getRoot().getDefaultScene()!.getExtras()).toEqual({ parallax: expected });
  });

  it('writes KHR_materials_unlit when asked, still valid', async () => {
    const glb = await meshToGlb(mesh, { unlit: true, provenance: { seed: 1 } });
    await expectValid(glb);
    const doc = await read(glb);
    expect(doc.getRoot().listMaterials()[0].getExtension('KHR_materials_unlit')).not.toBeNull();
    expect(doc.getRoot().listExtensionsUsed().map((e) => e.extensionName)).toEqual(['KHR_materials_unlit']);
  });

  it('writes a baked-texture GLB (TEXCOORD_0 + PNG, no COLOR_0), valid', async () => {
    const baked = bakeTexture(mesh, { grid });
    const glb = await meshToGlb(baked.mesh, { texture: baked.texture, unlit: true });
    await expectValid(glb);
    const doc = await read(glb);
    const prim = doc.getRoot().listMeshes()[0].listPrimitives()[0];
    expect(prim.getAttribute('TEXCOORD_0')!.getCount()).toBe(baked.mesh.positions.length / 3);
    expect(prim.getAttribute('COLOR_0')).toBeNull();
    const tex = prim.getMaterial()!.getBaseColorTexture()!;
    expect(tex.getMimeType()).toBe('image/png');
    expect(tex.getSize()).toEqual([baked.texture.width, baked.texture.height]);
  });

  it('uses 32-bit indices past 65534 vertices and stays valid; decimated meshes too', async () => {
    const big = sheet(260);
    expect(big.positions.length / 3).toBeGreaterThan(65535);
    const glb = await meshToGlb(big);
    await expectValid(glb);
    const prim = (await read(glb)).getRoot().listMeshes()[0].listPrimitives()[0];
    expect(prim.getIndices()!.getArray()).toBeInstanceOf(Uint32Array);
    const { mesh: small } = await decimateMesh(big, { ratio: 0.1 });
    await expectValid(await meshToGlb(small, { unlit: true }));
  });

  it('fixes up zero normals and out-of-range colours rather than writing invalid data', async () => {
    const odd: Mesh = {
      positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
      normals: new Float32Array([0, 0, 0, 0, 0, 2, 0, 0, 1]),
      colors: new Float32Array([2, -1, NaN, 0.5, 0.5, 0.5, 1, 1, 1]),
      indices: Uint32Array.from([0, 1, 2]),
    };
    await expectValid(await meshToGlb(odd));
  });

  it('rejects empty or broken meshes, naming the field', async () => {
    const empty: Mesh = { positions: new Float32Array(0), normals: new Float32Array(0), colors: new Float32Array(0), indices: new Uint32Array(0) };
    await expect(meshToGlb(empty)).rejects.toThrow(/mesh\.positions must be a non-empty/);
    const nan = { ...mesh, positions: mesh.positions.slice() };
    nan.positions[4] = NaN;
    await expect(meshToGlb(nan)).rejects.toThrow(/mesh\.positions\[4\] is NaN/);
    await expect(meshToGlb({ ...mesh, indices: Uint32Array.from([0, 1, 99999]) })).rejects.toThrow(/mesh\.indices\[2\]/);
    const baked = bakeTexture(mesh);
    await expect(meshToGlb(mesh, { texture: baked.texture })).rejects.toThrow(/options\.texture\.uvs/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(meshToGlb(mesh, { provenance: cyclic })).rejects.toThrow(/provenance\.self contains a cycle/);
  });
});

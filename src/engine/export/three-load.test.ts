// The exported GLBs load in three.js's GLTFLoader running in Node.
import sharp from 'sharp';
import type { BufferGeometry, Material, Mesh as ThreeMesh, Texture } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticGrid, bakeTexture, extractMesh } from '../mesh';
import { meshToGlb } from './glb';

function parse(glb: Uint8Array): Promise<GLTF> {
  const ab = glb.buffer.slice(glb.byteOffset, glb.byteOffset + glb.byteLength) as ArrayBuffer;
  return new Promise((resolve, reject) => new GLTFLoader().parse(ab, '', resolve, reject));
}

function onlyMesh(gltf: GLTF): ThreeMesh<BufferGeometry, Material> {
  const meshes: ThreeMesh<BufferGeometry, Material>[] = [];
  gltf.scene.traverse((o) => { if ((o as ThreeMesh).isMesh) meshes.push(o as ThreeMesh<BufferGeometry, Material>); });
  expect(meshes).toHaveLength(1);
  return meshes[0];
}

const grid = analyticGrid([{ kind: 'sphere', center: [0, 0, 0], radius: 0.6, color: [0.9, 0.3, 0.1] }], { resolution: 24 });
const mesh = extractMesh(grid);

describe('GLB in three.js GLTFLoader (Node)', () => {
  it('vertex-colour GLB: vertex count, normals, COLOR_0, lit material, provenance in userData', async () => {
    const gltf = await parse(await meshToGlb(mesh, { provenance: { seed: 5 } }));
    const m = onlyMesh(gltf);
    const attrs = m.geometry.attributes;
    expect(attrs.position.count).toBe(mesh.positions.length / 3);
    expect(attrs.normal.count).toBe(mesh.positions.length / 3);
    expect(attrs.color.count).toBe(mesh.positions.length / 3);
    expect(attrs.color.itemSize).toBe(3);
    expect(m.geometry.index!.count).toBe(mesh.indices.length);
    expect(m.material.type).toBe('MeshStandardMaterial');
    expect((m.material as Material & { vertexColors: boolean }).vertexColors).toBe(true);
    expect(gltf.scene.userData).toEqual({ parallax: { seed: 5 } });
  });

  it('unlit GLB becomes a MeshBasicMaterial', async () => {
    const m = onlyMesh(await parse(await meshToGlb(mesh, { unlit: true })));
    expect(m.material.type).toBe('MeshBasicMaterial');
  });

  describe('baked texture', () => {
    // GLTFLoader decodes images with createImageBitmap and reads `self.URL`; Node has
    // neither, so provide exactly those two (decoding via sharp) for this block only.
    const g = globalThis as Record<string, unknown>;
    const saved = { self: g.self, createImageBitmap: g.createImageBitmap };
    beforeAll(() => {
      g.self = globalThis;
      g.createImageBitmap = async (blob: Blob) => {
        const { data, info } = await sharp(Buffer.from(await blob.arrayBuffer())).ensureAlpha().raw()
          .toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, data: new Uint8Array(data), close() {} };
      };
    });
    afterAll(() => Object.assign(g, saved));

    it('loads UVs and the texture image with the right size', async () => {
      const baked = bakeTexture(mesh, { grid });
      const m = onlyMesh(await parse(await meshToGlb(baked.mesh, { texture: baked.texture, unlit: true })));
      expect(m.geometry.attributes.uv.count).toBe(baked.mesh.positions.length / 3);
      expect(m.geometry.attributes.color).toBeUndefined();
      const map = (m.material as Material & { map: Texture | null }).map;
      expect(map).not.toBeNull();
      const image = map!.image as { width: number; height: number; data: Uint8Array };
      expect([image.width, image.height]).toEqual([baked.texture.width, baked.texture.height]);
      expect(Buffer.from(image.data).equals(Buffer.from(baked.texture.rgba))).toBe(true);
    });
  });
});

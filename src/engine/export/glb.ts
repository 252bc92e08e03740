// Mesh -> binary glTF 2.0 (GLB) with @gltf-transform/core, in memory (no file system).
//
// Conventions: +Y up, metres (the engine's world after scene normalisation, see
// camera/camera.ts), counter-clockwise front faces, one node, one mesh, one material.
// Vertex colours: Mesh.colors hold sRGB-encoded values (like images); glTF's COLOR_0 is
// linear (spec 2.0 §3.7.2.1), so they are linearised on write and viewers show the
// original colours. Textures stay sRGB, as glTF's baseColorTexture expects.
// Provenance goes into both asset.extras.parallax and scenes[0].extras.parallax
// (three.js exposes the latter as scene.userData.parallax).
import { Document, TextureInfo, WebIO } from '@gltf-transform/core';
import { KHRMaterialsUnlit } from '@gltf-transform/extensions';
import type { Mesh, MeshTexture } from '../mesh';
import { encodePngRgba } from './png';
import { toJsonValue } from './provenance';

const FILE = 'src/engine/export/glb.ts';
export const GLB_GENERATOR = 'Parallax Studio';

export interface GlbOptions {
  /** Write KHR_materials_unlit: viewers show the baked colours without lighting. */
  unlit: boolean;
  /** Source, settings, engine version, seed, ... (JSON-serialisable). */
  provenance: Record<string, unknown>;
  /** Baked texture (TexturedMesh.texture); COLOR_0 is then omitted. */
  texture: MeshTexture | null;
  /** Pre-encoded PNG for the texture (e.g. compressed by the host); else encoded here. */
  texturePng: Uint8Array | null;
  /** Node and mesh name. */
  name: string;
}

export const GLB_DEFAULTS: GlbOptions = {
  unlit: false,
  provenance: {},
  texture: null,
  texturePng: null,
  name: 'parallax-mesh',
};

const srgbToLinear = (c: number): number => {
  const v = Math.min(Math.max(Number.isFinite(c) ? c : 0, 0), 1);
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

export function validateMesh(mesh: Mesh, where = FILE): void {
  const { positions, normals, colors, indices } = mesh;
  if (!(positions instanceof Float32Array) || positions.length % 3 !== 0 || positions.length === 0) {
    throw new Error(`${where}: mesh.positions must be a non-empty Float32Array of xyz triples, got length ${positions?.length}`);
  }
  const n = positions.length / 3;
  if (!(normals instanceof Float32Array) || normals.length !== 3 * n) {
    throw new Error(`${where}: mesh.normals must be a Float32Array of length ${3 * n}, got ${normals?.length}`);
  }
  if (!(colors instanceof Float32Array) || colors.length !== 3 * n) {
    throw new Error(`${where}: mesh.colors must be a Float32Array of length ${3 * n}, got ${colors?.length}`);
  }
  if (!(indices instanceof Uint32Array) || indices.length % 3 !== 0 || indices.length === 0) {
    throw new Error(`${where}: mesh.indices must be a non-empty Uint32Array of triangles, got length ${indices?.length}`);
  }
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i])) throw new Error(`${where}: mesh.positions[${i}] is ${positions[i]}`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (indices[i] >= n) throw new Error(`${where}: mesh.indices[${i}] = ${indices[i]} is out of range (${n} vertices)`);
  }
}

/** Unit normals for glTF (validator requires unit length); zero or invalid -> +Y. */
function unitNormals(src: Float32Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let v = 0; v < src.length; v += 3) {
    const len = Math.hypot(src[v], src[v + 1], src[v + 2]);
    if (len > 1e-12 && Number.isFinite(len)) {
      out[v] = src[v] / len; out[v + 1] = src[v + 1] / len; out[v + 2] = src[v + 2] / len;
    } else {
      out[v + 1] = 1;
    }
  }
  return out;
}

export async function meshToGlb(mesh: Mesh, options: Partial<GlbOptions> = {}): Promise<Uint8Array> {
  const o = { ...GLB_DEFAULTS, ...options };
  validateMesh(mesh);
  const n = mesh.positions.length / 3;
  const tex = o.texture;
  if (tex) {
    if (!(tex.uvs instanceof Float32Array) || tex.uvs.length !== 2 * n) {
      throw new Error(`${FILE}: options.texture.uvs must be a Float32Array of length ${2 * n}, got ${tex.uvs?.length}`);
    }
    for (let i = 0; i < tex.uvs.length; i++) {
      if (!Number.isFinite(tex.uvs[i])) throw new Error(`${FILE}: options.texture.uvs[${i}] is ${tex.uvs[i]}`);
    }
  }
  const provenance = toJsonValue(o.provenance ?? {}) as Record<string, unknown>;

  const doc = new Document();
  const root = doc.getRoot();
  const asset = root.getAsset();
  asset.generator = GLB_GENERATOR;
  asset.extras = { parallax: provenance };
  const buffer = doc.createBuffer();

  const prim = doc.createPrimitive()
    .setAttribute('POSITION', doc.createAccessor('position').setType('VEC3').setArray(mesh.positions.slice()).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor('normal').setType('VEC3').setArray(unitNormals(mesh.normals)).setBuffer(buffer));
  if (tex) {
    prim.setAttribute('TEXCOORD_0', doc.createAccessor('uv').setType('VEC2').setArray(tex.uvs.slice()).setBuffer(buffer));
  } else {
    const linear = new Float32Array(mesh.colors.length);
    for (let i = 0; i < linear.length; i++) linear[i] = srgbToLinear(mesh.colors[i]);
    prim.setAttribute('COLOR_0', doc.createAccessor('color').setType('VEC3').setArray(linear).setBuffer(buffer));
  }
  // Index 65535 is the primitive-restart value for 16-bit indices, so stay below it.
  const indexArray = n < 65535 ? Uint16Array.from(mesh.indices) : mesh.indices.slice();
  prim.setIndices(doc.createAccessor('indices').setType('SCALAR').setArray(indexArray).setBuffer(buffer));

  const material = doc.createMaterial('surface')
    .setBaseColorFactor([1, 1, 1, 1]).setMetallicFactor(0).setRoughnessFactor(1);
  if (tex) {
    const png = o.texturePng ?? encodePngRgba(tex.width, tex.height, tex.rgba);
    const texture = doc.createTexture('baked-color').setImage(png).setMimeType('image/png');
    material.setBaseColorTexture(texture);
    material.getBaseColorTextureInfo()!
      .setMinFilter(TextureInfo.MinFilter.LINEAR).setMagFilter(TextureInfo.MagFilter.LINEAR)
      .setWrapS(TextureInfo.WrapMode.CLAMP_TO_EDGE).setWrapT(TextureInfo.WrapMode.CLAMP_TO_EDGE);
  }
  if (o.unlit) {
    const unlit = doc.createExtension(KHRMaterialsUnlit);
    material.setExtension('KHR_materials_unlit', unlit.createUnlit());
  }
  prim.setMaterial(material);

  const node = doc.createNode(o.name).setMesh(doc.createMesh(o.name).addPrimitive(prim));
  const scene = doc.createScene('scene').addChild(node).setExtras({ parallax: provenance });
  root.setDefaultScene(scene);

  const io = new WebIO().registerExtensions([KHRMaterialsUnlit]);
  return io.writeBinary(doc);
}

// The GLB "web" preset: the plain GLB re-encoded for fast delivery on the web.
//   1. weld       merge identical vertices (smaller index/vertex buffers)
//   2. meshopt    reorder for the vertex cache, quantize attributes (KHR_mesh_quantization), and
//                 compress buffer views with EXT_meshopt_compression (meshoptimizer's encoder)
// Viewers need a meshopt decoder (three.js GLTFLoader.setMeshoptDecoder, Babylon, Blender 4.x);
// the plain preset stays the default because it opens everywhere.
import { WebIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { meshopt, weld } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';

export interface WebGlbOptions {
  /** meshopt level: 'medium' (quantize + reorder) or 'high' (also filters, smaller). */
  level: 'medium' | 'high';
}

export const WEB_GLB_DEFAULTS: WebGlbOptions = { level: 'high' };

async function webIo(): Promise<WebIO> {
  await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready]);
  return new WebIO()
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ 'meshopt.encoder': MeshoptEncoder, 'meshopt.decoder': MeshoptDecoder });
}

/** Plain GLB bytes -> compressed GLB bytes (EXT_meshopt_compression, required). */
export async function compressGlbForWeb(plain: Uint8Array, options: Partial<WebGlbOptions> = {}): Promise<Uint8Array> {
  const o = { ...WEB_GLB_DEFAULTS, ...options };
  const io = await webIo();
  const doc = await io.readBinary(plain);
  await doc.transform(weld(), meshopt({ encoder: MeshoptEncoder, level: o.level }));
  return io.writeBinary(doc);
}

/** Decode a (possibly meshopt-compressed) GLB: vertex and triangle counts of all primitives. */
export async function glbCounts(bytes: Uint8Array): Promise<{ vertices: number; triangles: number }> {
  const doc = await (await webIo()).readBinary(bytes);
  let vertices = 0, triangles = 0;
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const n = prim.getAttribute('POSITION')?.getCount() ?? 0;
      vertices += n;
      triangles += (prim.getIndices()?.getCount() ?? n) / 3;
    }
  }
  return { vertices, triangles };
}

const linearToSrgb = (c: number): number => {
  const v = Math.min(Math.max(c, 0), 1);
  return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
};

/** Vertices of every primitive of a GLB as points; COLOR_0 (linear) back to sRGB, grey without it. */
export async function glbVertexPoints(bytes: Uint8Array): Promise<{ positions: Float32Array; colors: Float32Array }> {
  const doc = await (await webIo()).readBinary(bytes);
  const pos: number[] = [], col: number[] = [];
  const el: number[] = [];
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const p = prim.getAttribute('POSITION');
      if (!p) continue;
      const c = prim.getAttribute('COLOR_0');
      for (let i = 0; i < p.getCount(); i++) {
        pos.push(...p.getElement(i, el).slice(0, 3));
        if (c) col.push(...c.getElement(i, el).slice(0, 3).map(linearToSrgb));
        else col.push(0.7, 0.7, 0.7);
      }
    }
  }
  return { positions: Float32Array.from(pos), colors: Float32Array.from(col) };
}

// SplatScene <-> GLB carrying the Gaussians with KHR_gaussian_splatting (Khronos glTF extension,
// "Release Candidate" in the KhronosGroup/glTF registry at the time of writing, not ratified).
// One node, one mesh, one POINTS primitive (mode 0) with the ellipse kernel's attributes:
//   POSITION                                    VEC3 float  centres as stored (no axis change, like meshToGlb)
//   KHR_gaussian_splatting:ROTATION             VEC4 float  unit quaternion in glTF order (x, y, z, w)
//   KHR_gaussian_splatting:SCALE                VEC3 float  exp(logScale), linear
//   KHR_gaussian_splatting:OPACITY              SCALAR      sigmoid(logit), in [0, 1]
//   KHR_gaussian_splatting:SH_DEGREE_0_COEF_0   VEC3 float  f_dc (r, g, b), raw coefficient
//   KHR_gaussian_splatting:SH_DEGREE_l_COEF_n   VEC3 float  degree l, order m = n - l, (r, g, b)
//   COLOR_0                                     VEC4 float  fallback point colour: linear(SH_C0 f_dc + 0.5), opacity
// and the primitive extension { kernel: "ellipse", colorSpace: "srgb_rec709_display" } (3DGS trains
// on sRGB photos). The reference SH order is m = -l..l within a degree, which is the order of
// f_rest coefficients, so SH_DEGREE_l_COEF_n takes coefficient index l*l - 1 + n of shRest.
// Background and crop box travel in asset.extras.parallax.
import { Document, Extension, WebIO } from '@gltf-transform/core';
import type { ReaderContext, WriterContext } from '@gltf-transform/core';
import { SH_C0, allocateSplatScene, shCoefficientsPerChannel } from '../types';
import type { ShDegree, SplatScene } from '../types';
import { checkFinite, validateSplatScene } from './ply';

export const KHR_GAUSSIAN_SPLATTING = 'KHR_gaussian_splatting';
const P = `${KHR_GAUSSIAN_SPLATTING}:`;
export const SPLAT_GLB_SETTINGS = { kernel: 'ellipse', colorSpace: 'srgb_rec709_display', projection: 'perspective', sortingMethod: 'cameraDistance' };

/** Writes the primitive extension object on every POINTS primitive that carries the splat attributes. */
class KhrGaussianSplatting extends Extension {
  static override EXTENSION_NAME = KHR_GAUSSIAN_SPLATTING;
  override readonly extensionName = KHR_GAUSSIAN_SPLATTING;
  override read(_context: ReaderContext): this { return this; }
  override write(context: WriterContext): this {
    const json = context.jsonDoc.json;
    const meshes = json.meshes ?? [];
    let used = false;
    for (const mesh of this.document.getRoot().listMeshes()) {
      const def = meshes[context.meshIndexMap.get(mesh) ?? -1];
      if (!def) continue;
      mesh.listPrimitives().forEach((prim, i) => {
        if (!prim.getAttribute(`${P}SCALE`)) return;
        def.primitives[i].extensions = { ...def.primitives[i].extensions, [KHR_GAUSSIAN_SPLATTING]: { ...SPLAT_GLB_SETTINGS } };
        used = true;
      });
    }
    // gltf-transform lists only extensions that own properties; this one stamps JSON directly.
    if (used && !json.extensionsUsed?.includes(KHR_GAUSSIAN_SPLATTING)) json.extensionsUsed = [...(json.extensionsUsed ?? []), KHR_GAUSSIAN_SPLATTING];
    return this;
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** Attribute name of SH coefficient `c` (0-based over f_rest, degree >= 1). */
export function shAttributeName(c: number): string {
  const l = Math.floor(Math.sqrt(c + 1));
  return `${P}SH_DEGREE_${l}_COEF_${c + 1 - l * l}`;
}

export async function encodeSplatGlb(s: SplatScene, provenance: Record<string, unknown> = {}): Promise<Uint8Array> {
  validateSplatScene(s, 'encodeSplatGlb');
  const n = s.count, dim = shCoefficientsPerChannel(s.shDegree) - 1;
  if (n === 0) throw new Error('encodeSplatGlb: the scene has no Gaussians (count 0); glTF accessors need at least one element');
  const doc = new Document();
  doc.createExtension(KhrGaussianSplatting);
  const buffer = doc.createBuffer();
  const rot = new Float32Array(4 * n), scale = new Float32Array(3 * n), opacity = new Float32Array(n), color = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const [w, x, y, z] = s.rotations.subarray(4 * i, 4 * i + 4);
    const len = Math.hypot(w, x, y, z) || 1;
    rot.set([x / len, y / len, z / len, w / len], 4 * i);
    for (let k = 0; k < 3; k++) {
      scale[3 * i + k] = Math.exp(s.logScales[3 * i + k]);
      color[4 * i + k] = srgbToLinear(Math.min(1, Math.max(0, SH_C0 * s.shDc[3 * i + k] + 0.5)));
    }
    opacity[i] = sigmoid(s.opacityLogits[i]);
    color[4 * i + 3] = opacity[i];
  }
  const acc = (type: 'SCALAR' | 'VEC3' | 'VEC4', array: Float32Array) => doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const prim = doc.createPrimitive().setMode(0)
    .setAttribute('POSITION', acc('VEC3', new Float32Array(s.positions)))
    .setAttribute('COLOR_0', acc('VEC4', color))
    .setAttribute(`${P}ROTATION`, acc('VEC4', rot))
    .setAttribute(`${P}SCALE`, acc('VEC3', scale))
    .setAttribute(`${P}OPACITY`, acc('SCALAR', opacity))
    .setAttribute(`${P}SH_DEGREE_0_COEF_0`, acc('VEC3', new Float32Array(s.shDc)));
  for (let c = 0; c < dim; c++) {
    const coef = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) for (let ch = 0; ch < 3; ch++) coef[3 * i + ch] = s.shRest[3 * dim * i + dim * ch + c];
    prim.setAttribute(shAttributeName(c), acc('VEC3', coef));
  }
  const mesh = doc.createMesh('splats').addPrimitive(prim);
  doc.createScene('scene').addChild(doc.createNode('splats').setMesh(mesh));
  const extras = { parallax: { ...provenance, background: [...s.background], ...(s.cropBox ? { cropBox: s.cropBox } : {}) } };
  doc.getRoot().getAsset().generator = 'Parallax Studio';
  doc.getRoot().getAsset().extras = extras;
  return new WebIO().registerExtensions([KhrGaussianSplatting]).writeBinary(doc);
}

/** Read the first KHR_gaussian_splatting primitive of a GLB back into a SplatScene. */
export async function decodeSplatGlb(bytes: Uint8Array, file = 'scene.glb'): Promise<SplatScene> {
  const io = new WebIO().registerExtensions([KhrGaussianSplatting]);
  const json = (await io.binaryToJSON(bytes)).json;
  const defs = (json.meshes ?? []).flatMap((m) => m.primitives);
  const def = defs.find((p) => p.extensions?.[KHR_GAUSSIAN_SPLATTING]);
  if (!def) throw new Error(`${file}: no mesh primitive carries the "${KHR_GAUSSIAN_SPLATTING}" extension`);
  const ext = def.extensions![KHR_GAUSSIAN_SPLATTING] as Record<string, unknown>;
  if (ext.kernel !== 'ellipse') throw new Error(`${file}: field "extensions.${KHR_GAUSSIAN_SPLATTING}.kernel" is ${JSON.stringify(ext.kernel)}, only "ellipse" is supported`);
  if ((def.mode ?? 4) !== 0) throw new Error(`${file}: field "mode" of the splat primitive is ${def.mode}, expected 0 (POINTS)`);
  const doc = await io.readBinary(bytes);
  const prim = doc.getRoot().listMeshes().flatMap((m) => m.listPrimitives()).find((p) => p.getAttribute(`${P}SCALE`));
  if (!prim) throw new Error(`${file}: attribute "${P}SCALE" is missing from the splat primitive`);
  const get = (name: string, size: number) => {
    const a = prim.getAttribute(name);
    if (!a) throw new Error(`${file}: attribute "${name}" is missing from the splat primitive`);
    if (a.getElementSize() !== size) throw new Error(`${file}: attribute "${name}" has ${a.getElementSize()} components, expected ${size}`);
    const out = new Float32Array(a.getCount() * size), el: number[] = [];
    for (let i = 0; i < a.getCount(); i++) out.set(a.getElement(i, el), size * i);
    return out;
  };
  const positions = get('POSITION', 3), n = positions.length / 3;
  let degree = 0;
  while (degree < 3 && prim.getAttribute(shAttributeName((degree + 1) * (degree + 1) - 1))) degree++;
  const s = allocateSplatScene(n, degree as ShDegree);
  const dim = shCoefficientsPerChannel(s.shDegree) - 1;
  s.positions.set(positions);
  const rot = get(`${P}ROTATION`, 4), scale = get(`${P}SCALE`, 3), opacity = get(`${P}OPACITY`, 1);
  s.shDc.set(get(`${P}SH_DEGREE_0_COEF_0`, 3));
  for (let i = 0; i < n; i++) {
    s.rotations.set([rot[4 * i + 3], rot[4 * i], rot[4 * i + 1], rot[4 * i + 2]], 4 * i);
    for (let k = 0; k < 3; k++) {
      const v = scale[3 * i + k];
      if (!(v > 0)) throw new Error(`${file}: attribute "${P}SCALE" element ${i} component ${k} is ${v}, expected a positive scale`);
      s.logScales[3 * i + k] = Math.log(v);
    }
    const a = opacity[i];
    if (!(a >= 0 && a <= 1)) throw new Error(`${file}: attribute "${P}OPACITY" element ${i} is ${a}, expected [0, 1]`);
    const c = Math.min(1 - 1e-7, Math.max(1e-7, a));
    s.opacityLogits[i] = Math.log(c / (1 - c));
  }
  for (let c = 0; c < dim; c++) {
    const coef = get(shAttributeName(c), 3);
    for (let i = 0; i < n; i++) for (let ch = 0; ch < 3; ch++) s.shRest[3 * dim * i + dim * ch + c] = coef[3 * i + ch];
  }
  const extras = (json.asset.extras as { parallax?: { background?: number[]; cropBox?: SplatScene['cropBox'] } } | undefined)?.parallax;
  if (extras?.background?.length === 3) s.background = [extras.background[0], extras.background[1], extras.background[2]];
  if (extras?.cropBox) s.cropBox = extras.cropBox;
  checkFinite(s, file);
  return s;
}

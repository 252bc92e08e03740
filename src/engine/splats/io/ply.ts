// The standard 3DGS .ply (Kerbl et al. 2023, reference code `GaussianModel.save_ply`): one binary
// little-endian `vertex` element with float properties, in this order:
//   x y z nx ny nz f_dc_0..2 f_rest_0..(3(K-1)-1) opacity scale_0..2 rot_0..3
// values before activation (log scales, opacity logit, unnormalised quaternion w x y z in rot_0..3),
// f_rest ordered [channel][coefficient] as SplatScene.shRest. nx ny nz are written as zeros.
// This is also the storage format of a splat scene folder (`splats.ply`); the background and crop
// box travel in `comment parallax ...` header lines that other readers ignore.
import { shCoefficientsPerChannel } from '../types';
import type { ShDegree, SplatScene } from '../types';

/** Property names in the reference order for an SH degree. */
export function splatPlyPropertyNames(degree: ShDegree): string[] {
  const rest = 3 * (shCoefficientsPerChannel(degree) - 1);
  return [
    'x', 'y', 'z', 'nx', 'ny', 'nz', 'f_dc_0', 'f_dc_1', 'f_dc_2',
    ...Array.from({ length: rest }, (_, i) => `f_rest_${i}`),
    'opacity', 'scale_0', 'scale_1', 'scale_2', 'rot_0', 'rot_1', 'rot_2', 'rot_3',
  ];
}

const DEGREE_OF_REST: Record<number, ShDegree> = { 0: 0, 9: 1, 24: 2, 45: 3 };

/** Throws unless every array of the scene has the length its count and degree imply. */
export function validateSplatScene(s: SplatScene, where = 'SplatScene'): void {
  if (!Number.isInteger(s.count) || s.count < 0) throw new Error(`${where}: field "count" is ${s.count}, expected a non-negative integer`);
  if (![0, 1, 2, 3].includes(s.shDegree)) throw new Error(`${where}: field "shDegree" is ${s.shDegree}, expected 0..3`);
  const rest = 3 * (shCoefficientsPerChannel(s.shDegree) - 1);
  const want: [keyof SplatScene, number][] = [
    ['positions', 3], ['logScales', 3], ['rotations', 4], ['opacityLogits', 1], ['shDc', 3], ['shRest', rest],
  ];
  for (const [name, per] of want) {
    const a = s[name] as Float32Array;
    if (!(a instanceof Float32Array) || a.length !== s.count * per) {
      throw new Error(`${where}: field "${name}" has length ${a?.length}, expected ${s.count * per} (count ${s.count} x ${per})`);
    }
  }
}

function headerText(s: SplatScene): string {
  const lines = ['ply', 'format binary_little_endian 1.0', 'comment parallax-studio splat scene (3DGS reference layout)'];
  lines.push(`comment parallax background ${s.background.join(' ')}`);
  if (s.cropBox) lines.push(`comment parallax cropBox ${[...s.cropBox.min, ...s.cropBox.max].join(' ')}`);
  lines.push(`element vertex ${s.count}`);
  for (const p of splatPlyPropertyNames(s.shDegree)) lines.push(`property float ${p}`);
  lines.push('end_header', '');
  return lines.join('\n');
}

export function encodeSplatPly(s: SplatScene): Uint8Array {
  validateSplatScene(s, 'encodeSplatPly');
  const head = new TextEncoder().encode(headerText(s));
  const rest = 3 * (shCoefficientsPerChannel(s.shDegree) - 1);
  const stride = 17 + rest; // floats per vertex
  const out = new Uint8Array(head.length + 4 * stride * s.count);
  out.set(head, 0);
  const body = new Float32Array(stride * s.count); // little-endian hosts only (every target we ship)
  for (let i = 0; i < s.count; i++) {
    const o = stride * i;
    body.set(s.positions.subarray(3 * i, 3 * i + 3), o);
    // o+3..o+5: normals, zero
    body.set(s.shDc.subarray(3 * i, 3 * i + 3), o + 6);
    body.set(s.shRest.subarray(rest * i, rest * i + rest), o + 9);
    body[o + 9 + rest] = s.opacityLogits[i];
    body.set(s.logScales.subarray(3 * i, 3 * i + 3), o + 10 + rest);
    body.set(s.rotations.subarray(4 * i, 4 * i + 4), o + 13 + rest);
  }
  out.set(new Uint8Array(body.buffer), head.length);
  return out;
}

const TYPE_SIZES: Record<string, number> = {
  char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8,
};

function reader(type: string): (v: DataView, at: number) => number {
  switch (type) {
    case 'float': case 'float32': return (v, at) => v.getFloat32(at, true);
    case 'double': case 'float64': return (v, at) => v.getFloat64(at, true);
    case 'uchar': case 'uint8': return (v, at) => v.getUint8(at);
    case 'char': case 'int8': return (v, at) => v.getInt8(at);
    case 'ushort': case 'uint16': return (v, at) => v.getUint16(at, true);
    case 'short': case 'int16': return (v, at) => v.getInt16(at, true);
    case 'uint': case 'uint32': return (v, at) => v.getUint32(at, true);
    default: return (v, at) => v.getInt32(at, true);
  }
}

interface PlyElement { name: string; count: number; props: { type: string; name: string }[] }

function parseHeader(bytes: Uint8Array, file: string) {
  const probe = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
  const end = probe.indexOf('end_header\n');
  if (!probe.startsWith('ply\n') || end < 0) throw new Error(`${file}: not a PLY file (missing "ply" or "end_header")`);
  const elements: PlyElement[] = [];
  const comments: string[] = [];
  let format = '';
  for (const raw of probe.slice(0, end).split('\n')) {
    const w = raw.trim().split(/\s+/);
    if (w[0] === 'format') format = w[1];
    else if (w[0] === 'comment') comments.push(raw.trim().slice(8));
    else if (w[0] === 'element') elements.push({ name: w[1], count: Number(w[2]), props: [] });
    else if (w[0] === 'property') {
      const e = elements[elements.length - 1];
      if (!e) throw new Error(`${file}: property "${w.slice(1).join(' ')}" before any element`);
      if (w[1] === 'list') throw new Error(`${file}: element "${e.name}" has list property "${w[4]}"; a splat PLY has none`);
      if (!(w[1] in TYPE_SIZES)) throw new Error(`${file}: property "${w[2]}" has unknown type "${w[1]}"`);
      e.props.push({ type: w[1], name: w[2] });
    }
  }
  if (format !== 'binary_little_endian') throw new Error(`${file}: format is "${format}", only binary_little_endian splat PLYs are supported`);
  return { elements, comments, bodyStart: end + 'end_header\n'.length };
}

function commentNumbers(comments: string[], key: string, n: number, file: string): number[] | null {
  const c = comments.find((l) => l.startsWith(`parallax ${key} `));
  if (!c) return null;
  const v = c.split(/\s+/).slice(2).map(Number);
  if (v.length !== n || v.some((x) => !Number.isFinite(x))) throw new Error(`${file}: comment "parallax ${key}" has "${c}", expected ${n} numbers`);
  return v;
}

/** Throws naming the first property and vertex holding NaN or an infinity. */
export function checkFinite(s: SplatScene, file: string): void {
  const rest = s.shRest.length / Math.max(1, s.count);
  const fields: [Float32Array, number, (k: number) => string][] = [
    [s.positions, 3, (k) => 'xyz'[k]], [s.logScales, 3, (k) => `scale_${k}`], [s.rotations, 4, (k) => `rot_${k}`],
    [s.opacityLogits, 1, () => 'opacity'], [s.shDc, 3, (k) => `f_dc_${k}`], [s.shRest, rest, (k) => `f_rest_${k}`],
  ];
  for (const [a, per, name] of fields) {
    for (let j = 0; j < a.length; j++) {
      if (!Number.isFinite(a[j])) throw new Error(`${file}: property "${name(j % per)}" of vertex ${Math.floor(j / per)} is ${a[j]}`);
    }
  }
}

/** Read a 3DGS .ply of any SH degree 0..3 (properties in any order, any numeric type). */
export function decodeSplatPly(bytes: Uint8Array, file = 'splats.ply'): SplatScene {
  const { elements, comments, bodyStart } = parseHeader(bytes, file);
  const vi = elements.findIndex((e) => e.name === 'vertex');
  if (vi < 0) throw new Error(`${file}: no "element vertex"`);
  const vertex = elements[vi];
  const count = vertex.count;
  if (!Number.isInteger(count) || count < 0) throw new Error(`${file}: "element vertex" count is ${count}`);
  const offsets = new Map<string, { at: number; read: (v: DataView, at: number) => number }>();
  let stride = 0;
  for (const p of vertex.props) { offsets.set(p.name, { at: stride, read: reader(p.type) }); stride += TYPE_SIZES[p.type]; }
  let start = bodyStart;
  for (let e = 0; e < vi; e++) start += elements[e].count * elements[e].props.reduce((a, p) => a + TYPE_SIZES[p.type], 0);
  if (start + stride * count > bytes.length) throw new Error(`${file}: truncated: ${count} vertices of ${stride} bytes need ${start + stride * count} bytes, file has ${bytes.length}`);
  const restCount = vertex.props.filter((p) => p.name.startsWith('f_rest_')).length;
  const degree = DEGREE_OF_REST[restCount];
  if (degree === undefined) throw new Error(`${file}: ${restCount} f_rest_* properties, expected 0, 9, 24 or 45 (SH degree 0..3)`);
  const need = splatPlyPropertyNames(degree).filter((n) => !n.startsWith('n'));
  for (const n of need) if (!offsets.has(n)) throw new Error(`${file}: property "${n}" is missing from "element vertex"`);
  const rest = restCount;
  const s: SplatScene = {
    version: 1, count, shDegree: degree,
    positions: new Float32Array(3 * count), logScales: new Float32Array(3 * count), rotations: new Float32Array(4 * count),
    opacityLogits: new Float32Array(count), shDc: new Float32Array(3 * count), shRest: new Float32Array(rest * count),
    background: [0, 0, 0],
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fill = (name: string, dst: Float32Array, per: number, k: number) => {
    const { at, read } = offsets.get(name)!;
    for (let i = 0; i < count; i++) dst[per * i + k] = read(view, start + stride * i + at);
  };
  ['x', 'y', 'z'].forEach((n, k) => fill(n, s.positions, 3, k));
  [0, 1, 2].forEach((k) => { fill(`scale_${k}`, s.logScales, 3, k); fill(`f_dc_${k}`, s.shDc, 3, k); });
  [0, 1, 2, 3].forEach((k) => fill(`rot_${k}`, s.rotations, 4, k));
  fill('opacity', s.opacityLogits, 1, 0);
  for (let k = 0; k < rest; k++) fill(`f_rest_${k}`, s.shRest, rest, k);
  checkFinite(s, file);
  const bg = commentNumbers(comments, 'background', 3, file);
  if (bg) s.background = [bg[0], bg[1], bg[2]];
  const crop = commentNumbers(comments, 'cropBox', 6, file);
  if (crop) s.cropBox = { min: [crop[0], crop[1], crop[2]], max: [crop[3], crop[4], crop[5]] };
  return s;
}

// PLY writer (binary little-endian) for meshes and point clouds, and a small reader for
// the same subset (tests, round trips). Colours are stored as uchar 0..255 (sRGB values).
import type { Mesh } from '../mesh';

const FILE = 'src/engine/export/ply.ts';

type PropType = 'char' | 'uchar' | 'short' | 'ushort' | 'int' | 'uint' | 'float' | 'double';
const SIZES: Record<PropType, number> = { char: 1, uchar: 1, short: 2, ushort: 2, int: 4, uint: 4, float: 4, double: 8 };
const ALIASES: Record<string, PropType> = {
  int8: 'char', uint8: 'uchar', int16: 'short', uint16: 'ushort', int32: 'int', uint32: 'uint',
  float32: 'float', float64: 'double',
};

const toByte = (v: number): number => Math.round(255 * Math.min(Math.max(Number.isFinite(v) ? v : 0, 0), 1));

function header(vertices: number, normals: boolean, faces: number | null): string {
  const lines = ['ply', 'format binary_little_endian 1.0', 'comment Parallax Studio export',
    `element vertex ${vertices}`, 'property float x', 'property float y', 'property float z'];
  if (normals) lines.push('property float nx', 'property float ny', 'property float nz');
  lines.push('property uchar red', 'property uchar green', 'property uchar blue');
  if (faces !== null) lines.push(`element face ${faces}`, 'property list uchar uint vertex_indices');
  lines.push('end_header');
  return lines.join('\n') + '\n';
}

function checkLength(name: string, arr: ArrayLike<number>, expected: number): void {
  if (arr.length !== expected) throw new Error(`${FILE}: ${name} has length ${arr.length}, expected ${expected}`);
}

function writePly(positions: Float32Array, normals: Float32Array | null, colors: Float32Array, indices: Uint32Array | null): Uint8Array {
  const n = positions.length / 3;
  const faces = indices ? indices.length / 3 : null;
  const head = new TextEncoder().encode(header(n, normals !== null, faces));
  const vSize = 12 + (normals ? 12 : 0) + 3;
  const out = new Uint8Array(head.length + n * vSize + (faces ?? 0) * 13);
  out.set(head, 0);
  const view = new DataView(out.buffer);
  let p = head.length;
  for (let v = 0; v < n; v++) {
    for (let a = 0; a < 3; a++, p += 4) view.setFloat32(p, positions[3 * v + a], true);
    if (normals) for (let a = 0; a < 3; a++, p += 4) view.setFloat32(p, normals[3 * v + a], true);
    for (let a = 0; a < 3; a++) out[p++] = toByte(colors[3 * v + a]);
  }
  if (indices) {
    for (let t = 0; t < indices.length; t += 3) {
      out[p++] = 3;
      for (let k = 0; k < 3; k++, p += 4) view.setUint32(p, indices[t + k], true);
    }
  }
  return out;
}

/** Binary little-endian PLY: x y z nx ny nz (float), red green blue (uchar), triangle faces. */
export function meshToPly(mesh: Mesh): Uint8Array {
  if (mesh.positions.length % 3 !== 0) throw new Error(`${FILE}: mesh.positions length ${mesh.positions.length} is not a multiple of 3`);
  const n = mesh.positions.length / 3;
  checkLength('mesh.normals', mesh.normals, 3 * n);
  checkLength('mesh.colors', mesh.colors, 3 * n);
  if (mesh.indices.length % 3 !== 0) throw new Error(`${FILE}: mesh.indices length ${mesh.indices.length} is not a multiple of 3`);
  for (let i = 0; i < mesh.indices.length; i++) {
    if (mesh.indices[i] >= n) throw new Error(`${FILE}: mesh.indices[${i}] = ${mesh.indices[i]} is out of range (${n} vertices)`);
  }
  return writePly(mesh.positions, mesh.normals, mesh.colors, mesh.indices);
}

/** Binary little-endian PLY point cloud: x y z (float), red green blue (uchar). */
export function pointsToPly(positions: Float32Array, colors: Float32Array): Uint8Array {
  if (positions.length % 3 !== 0) throw new Error(`${FILE}: positions length ${positions.length} is not a multiple of 3`);
  checkLength('colors', colors, positions.length);
  return writePly(positions, null, colors, null);
}

export interface PlyData {
  positions: Float32Array;
  normals: Float32Array | null;
  /** RGB in [0,1] (uchar / 255). */
  colors: Float32Array | null;
  indices: Uint32Array | null;
}

interface ElementDef {
  name: string;
  count: number;
  props: { name: string; type: PropType; listCount?: PropType }[];
}

function parseType(t: string, line: string): PropType {
  const type = (t in SIZES ? t : ALIASES[t]) as PropType | undefined;
  if (!type) throw new Error(`${FILE}: unknown property type '${t}' in header line '${line}'`);
  return type;
}

/** Reads binary little-endian PLY with vertex (x y z [nx ny nz] [red green blue]) and optional faces. */
export function readPly(bytes: Uint8Array): PlyData {
  const probe = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
  const end = probe.indexOf('end_header\n');
  if (!probe.startsWith('ply\n') || end < 0) throw new Error(`${FILE}: not a PLY file (missing 'ply' magic or end_header)`);
  const lines = probe.slice(0, end).split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.includes('format binary_little_endian 1.0')) throw new Error(`${FILE}: only binary_little_endian 1.0 is supported, header: ${lines[1]}`);
  const elements: ElementDef[] = [];
  for (const line of lines) {
    const parts = line.split(/\s+/);
    if (parts[0] === 'element') elements.push({ name: parts[1], count: Number(parts[2]), props: [] });
    if (parts[0] === 'property') {
      const el = elements[elements.length - 1];
      if (!el) throw new Error(`${FILE}: property before any element: '${line}'`);
      if (parts[1] === 'list') el.props.push({ name: parts[4], type: parseType(parts[3], line), listCount: parseType(parts[2], line) });
      else el.props.push({ name: parts[2], type: parseType(parts[1], line) });
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = end + 'end_header\n'.length;
  const read = (type: PropType): number => {
    if (p + SIZES[type] > bytes.length) throw new Error(`${FILE}: file is truncated at byte ${p}`);
    const at = p;
    p += SIZES[type];
    switch (type) {
      case 'char': return view.getInt8(at);
      case 'uchar': return view.getUint8(at);
      case 'short': return view.getInt16(at, true);
      case 'ushort': return view.getUint16(at, true);
      case 'int': return view.getInt32(at, true);
      case 'uint': return view.getUint32(at, true);
      case 'float': return view.getFloat32(at, true);
      default: return view.getFloat64(at, true);
    }
  };
  const out: PlyData = { positions: new Float32Array(0), normals: null, colors: null, indices: null };
  for (const el of elements) {
    const names = el.props.map((q) => q.name);
    const has = (...keys: string[]): boolean => keys.every((k) => names.includes(k));
    const values: number[][] = el.props.map(() => []);
    const faces: number[] = [];
    for (let i = 0; i < el.count; i++) {
      el.props.forEach((prop, k) => {
        if (!prop.listCount) { values[k].push(read(prop.type)); return; }
        const len = read(prop.listCount);
        const poly = Array.from({ length: len }, () => read(prop.type));
        for (let j = 1; j + 1 < len; j++) faces.push(poly[0], poly[j], poly[j + 1]);
      });
    }
    const column = (name: string): number[] => values[names.indexOf(name)];
    const interleave = (keys: string[], scale = 1): Float32Array => {
      const cols = keys.map(column);
      const arr = new Float32Array(keys.length * el.count);
      for (let i = 0; i < el.count; i++) for (let a = 0; a < keys.length; a++) arr[keys.length * i + a] = cols[a][i] * scale;
      return arr;
    };
    if (el.name === 'vertex') {
      if (!has('x', 'y', 'z')) throw new Error(`${FILE}: element vertex lacks x/y/z properties`);
      out.positions = interleave(['x', 'y', 'z']);
      if (has('nx', 'ny', 'nz')) out.normals = interleave(['nx', 'ny', 'nz']);
      if (has('red', 'green', 'blue')) out.colors = interleave(['red', 'green', 'blue'], 1 / 255);
    } else if (el.name === 'face') {
      out.indices = Uint32Array.from(faces);
    }
  }
  return out;
}

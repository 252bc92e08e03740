// Minimal reader and writer for NumPy .npy files holding float32/float64 arrays (format
// versions 1.0, 2.0, 3.0). Header: "\x93NUMPY", major, minor, header length (uint16 LE for
// v1, uint32 LE for v2/v3), then a Python dict literal
// {'descr': '<f8', 'fortran_order': False, 'shape': (N, 17), }, space-padded.
import { CaptureError, show } from '../errors';

export interface NpyArray { shape: number[]; data: Float64Array }

export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) {
    throw new CaptureError('not a .npy file (missing "\\x93NUMPY" magic)', file, 'header.magic');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) { headerLen = view.getUint16(8, true); start = 10; } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new CaptureError('truncated header', file, 'header');
    headerLen = view.getUint32(8, true); start = 12;
  } else throw new CaptureError(`unsupported .npy version ${major}.${bytes[7]}`, file, 'header.version');
  if (start + headerLen > bytes.length) throw new CaptureError(`header length ${headerLen} exceeds the file size ${bytes.length}`, file, 'header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined) throw new CaptureError(`no 'descr' in header ${show(header)}`, file, 'header.descr');
  if (fortran === undefined) throw new CaptureError(`no 'fortran_order' in header ${show(header)}`, file, 'header.fortran_order');
  if (shapeText === undefined) throw new CaptureError(`no 'shape' in header ${show(header)}`, file, 'header.shape');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new CaptureError(`bad dimension ${show(s)} in shape (${shapeText})`, file, 'header.shape');
    return n;
  });
  const m = /^([<>|=])f([48])$/.exec(descr);
  if (!m) throw new CaptureError(`unsupported dtype ${show(descr)} (expected float32 or float64)`, file, 'header.descr');
  const little = m[1] !== '>';
  const size = Number(m[2]);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (bytes.length - dataStart < count * size) {
    throw new CaptureError(`file holds ${bytes.length - dataStart} data bytes, shape (${shape.join(', ')}) needs ${count * size} (truncated)`, file, 'data');
  }
  const raw = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    raw[i] = size === 8 ? view.getFloat64(dataStart + 8 * i, little) : view.getFloat32(dataStart + 4 * i, little);
  }
  if (fortran === 'False' || shape.length < 2) return { shape, data: raw };
  // Column-major -> row-major.
  const data = new Float64Array(count);
  const strides = shape.map((_, i) => shape.slice(0, i).reduce((a, b) => a * b, 1));
  const idx = new Array(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let src = 0;
    for (let d = 0; d < shape.length; d++) src += idx[d] * strides[d];
    data[i] = raw[src];
    for (let d = shape.length - 1; d >= 0; d--) { if (++idx[d] < shape[d]) break; idx[d] = 0; }
  }
  return { shape, data };
}

/** Write a C-ordered little-endian float64 array as .npy v1.0. */
export function writeNpyFloat64(shape: number[], data: ArrayLike<number>): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < data.length; i++) view.setFloat64(start + 8 * i, data[i], true);
  return out;
}

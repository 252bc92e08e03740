// Checks run on exported files before a job reports done: GLB through the Khronos validator
// (src/main/validate-gltf.ts), PLY by walking its header and body, PNG by decoding its header
// with sharp. Each check throws with the file name on failure and returns what it verified.

/** Khronos glTF-Validator: throws on any error; returns the error and warning counts. */
export async function checkGlb(bytes: Uint8Array, file: string): Promise<{ errors: number; warnings: number }> {
  const { validateGlb } = await import('../../validate-gltf');
  const report = await validateGlb(bytes);
  if (report.errors > 0) {
    const errors = report.messages.filter((m) => m.startsWith('ERROR')).slice(0, 5).join('; ');
    throw new Error(`${file}: glTF validation failed with ${report.errors} error(s): ${errors}`);
  }
  return { errors: report.errors, warnings: report.warnings };
}

/** PNG header read by sharp: format png and the expected size. */
export async function checkPng(bytes: Uint8Array, file: string, expected?: { width: number; height: number }): Promise<{ width: number; height: number }> {
  const { default: sharp } = await import('sharp');
  let meta;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    throw new Error(`${file}: not a readable PNG (${(err as Error).message})`, { cause: err });
  }
  if (meta.format !== 'png') throw new Error(`${file}: field "format": expected png, got ${meta.format}`);
  const width = meta.width ?? 0, height = meta.height ?? 0;
  if (expected && (width !== expected.width || height !== expected.height)) {
    throw new Error(`${file}: size is ${width}x${height}, expected ${expected.width}x${expected.height}`);
  }
  return { width, height };
}

const SIZES: Record<string, number> = {
  char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8,
};

/** Structural PLY check: header, element counts and (for binary) the exact body length. */
export function checkPly(bytes: Uint8Array, file: string): { vertices: number; faces: number } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const end = head.indexOf('end_header\n');
  if (!head.startsWith('ply\n') || end < 0) throw new Error(`${file}: not a PLY file (missing "ply" or "end_header")`);
  const lines = head.slice(0, end).split('\n');
  const format = lines.find((l) => l.startsWith('format '))?.split(' ')[1];
  const elements: { name: string; count: number; props: string[][] }[] = [];
  for (const l of lines) {
    const w = l.trim().split(/\s+/);
    if (w[0] === 'element') elements.push({ name: w[1], count: Number(w[2]), props: [] });
    else if (w[0] === 'property') elements[elements.length - 1]?.props.push(w.slice(1));
  }
  const count = (n: string) => elements.find((e) => e.name === n)?.count ?? 0;
  if (!(count('vertex') > 0)) throw new Error(`${file}: field "element vertex": no vertices`);
  if (format === 'binary_little_endian') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = end + 'end_header\n'.length;
    for (const e of elements) {
      for (let i = 0; i < e.count; i++) {
        for (const p of e.props) {
          if (p[0] === 'list') {
            if (at + SIZES[p[1]] > bytes.length) throw new Error(`${file}: truncated in element "${e.name}"`);
            const n = SIZES[p[1]] === 1 ? view.getUint8(at) : SIZES[p[1]] === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
            at += SIZES[p[1]] + n * SIZES[p[2]];
          } else at += SIZES[p[0]];
        }
      }
    }
    if (at !== bytes.length) throw new Error(`${file}: body is ${bytes.length - end - 11} bytes, header describes ${at - end - 11}`);
  } else if (format !== 'ascii') {
    throw new Error(`${file}: field "format": unsupported "${format}"`);
  }
  return { vertices: count('vertex'), faces: count('face') };
}

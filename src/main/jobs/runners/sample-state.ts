// Checkpoints of the `sample` runner: which samples of the group are finished. Each finished
// sample's files (preview.png, volume.bin, mesh.glb) are written atomically to
// `<jobDir>/samples/sample-<k>/` before the checkpoint naming it is handed to the host, so a
// resumed job (after cancel, crash or restart) skips them; its key view is kept here as float32 so
// the group's variance image is the same as in an uninterrupted run.
//
// Layout: "PXSMPL01" | u32 JSON length | JSON { version, fingerprint, done: [{ k, seed, triangles,
// isoLevel, seconds, hasMesh, width, height }] } | padding to 4 | float32 key views in `done` order.
import type { RgbImage } from '../../../engine/data/types';

const MAGIC = 'PXSMPL01';

export interface FinishedSample {
  k: number;
  seed: number;
  triangles: number;
  isoLevel: number;
  seconds: number;
  hasMesh: boolean;
  keyView: RgbImage;
}

export interface SampleState { fingerprint: string; done: FinishedSample[] }

export function encodeSampleState(state: SampleState): Uint8Array {
  const meta = state.done.map(({ keyView, ...rest }) => ({ ...rest, width: keyView.width, height: keyView.height }));
  const json = new TextEncoder().encode(JSON.stringify({ version: 1, fingerprint: state.fingerprint, done: meta }));
  const start = 12 + Math.ceil(json.length / 4) * 4;
  const floats = state.done.reduce((a, d) => a + d.keyView.data.length, 0);
  const out = new Uint8Array(start + 4 * floats);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  let off = start;
  for (const d of state.done) {
    out.set(new Uint8Array(d.keyView.data.buffer, d.keyView.data.byteOffset, d.keyView.data.byteLength), off);
    off += d.keyView.data.byteLength;
  }
  return out;
}

/** Decode a checkpoint; null when it is not a sample checkpoint or is damaged. */
export function decodeSampleState(bytes: Uint8Array): SampleState | null {
  try {
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return null;
    const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as {
      version: number; fingerprint: string; done: (Omit<FinishedSample, 'keyView'> & { width: number; height: number })[];
    };
    if (head.version !== 1 || !Array.isArray(head.done)) return null;
    let off = 12 + Math.ceil(len / 4) * 4;
    const done: FinishedSample[] = [];
    for (const { width, height, ...rest } of head.done) {
      const n = width * height * 3;
      if (off + 4 * n > bytes.length) return null;
      done.push({ ...rest, keyView: { width, height, data: new Float32Array(bytes.slice(off, off + 4 * n).buffer) } });
      off += 4 * n;
    }
    return { fingerprint: head.fingerprint, done };
  } catch {
    return null;
  }
}

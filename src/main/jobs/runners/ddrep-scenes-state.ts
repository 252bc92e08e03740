// Checkpoints of the `ddrep-scenes` runner (the studio's DDRep jobs).
//   done:    the finished samples (their PNGs are already in <jobDir>/ddrep-samples/sample-<k>/), with the
//            picture and step snapshots as float32 so the live preview grid is whole again after a resume;
//   partial: DDRep only, the sample that was running when the job stopped: outer steps done, every
//            parameter tensor of the representation (theta), the managed noise E, the snapshots so far and
//            the counters. Nothing else is needed to continue it exactly (src/engine/ddrep DdrepResumeState).
//   fingerprint: the job's parameters and the prior's checksum; a checkpoint of other settings is ignored.
//
// Layout: "PXDDRP01" | u32 JSON length | JSON header | padding to 4 | float32 blobs in header order.
import type { RgbImage } from '../../../engine/data/types';
import type { DdrepSampleRecord } from './ddrep';

const MAGIC = 'PXDDRP01';

/** A finished sample: the CLI runner's per-sample figures (DdrepSampleRecord) with its pictures instead of files. */
export interface FinishedDdrepSample extends Omit<DdrepSampleRecord, 'index' | 'files' | 'scene'> {
  k: number;
  picture: RgbImage;
  snaps: RgbImage[];
}

export interface PartialDdrepSample {
  k: number;
  /** Outer steps done. */
  step: number;
  seconds: number;
  denoiserCalls: number;
  /** theta: one array per rep parameter, with its shape. */
  parameters: { shape: number[]; data: Float32Array }[];
  noise: { shape: number[]; data: Float32Array };
  snaps: RgbImage[];
}

export interface DdrepScenesState { fingerprint: string; done: FinishedDdrepSample[]; partial: PartialDdrepSample | null }

type Blob = { shape: number[]; data: Float32Array };
const img = (i: RgbImage): Blob => ({ shape: [i.height, i.width, 3], data: i.data });
const toImg = (b: Blob): RgbImage => ({ height: b.shape[0], width: b.shape[1], data: b.data });

export function encodeDdrepScenesState(state: DdrepScenesState): Uint8Array {
  const blobs: Blob[] = [];
  const add = (b: Blob) => { blobs.push(b); return blobs.length - 1; };
  const done = state.done.map(({ picture, snaps, ...rest }) => ({ ...rest, picture: add(img(picture)), snaps: snaps.map((s) => add(img(s))) }));
  const partial = state.partial && (({ parameters, noise, snaps, ...rest }) => ({
    ...rest, parameters: parameters.map(add), noise: add(noise), snaps: snaps.map((s) => add(img(s))),
  }))(state.partial);
  const head = { version: 1, fingerprint: state.fingerprint, done, partial, blobs: blobs.map((b) => b.shape) };
  const json = new TextEncoder().encode(JSON.stringify(head));
  const start = 12 + Math.ceil(json.length / 4) * 4;
  const out = new Uint8Array(start + 4 * blobs.reduce((a, b) => a + b.data.length, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  let off = start;
  for (const b of blobs) {
    out.set(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength), off);
    off += b.data.byteLength;
  }
  return out;
}

/** Decode a checkpoint; null when it is not a ddrep-scenes checkpoint or is damaged. */
export function decodeDdrepScenesState(bytes: Uint8Array): DdrepScenesState | null {
  try {
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return null;
    const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as {
      version: number; fingerprint: string; blobs: number[][];
      done: (Omit<FinishedDdrepSample, 'picture' | 'snaps'> & { picture: number; snaps: number[] })[];
      partial: (Omit<PartialDdrepSample, 'parameters' | 'noise' | 'snaps'> & { parameters: number[]; noise: number; snaps: number[] }) | null;
    };
    if (head.version !== 1 || !Array.isArray(head.done) || !Array.isArray(head.blobs)) return null;
    let off = 12 + Math.ceil(len / 4) * 4;
    const blobs: Blob[] = [];
    for (const shape of head.blobs) {
      const n = shape.reduce((a, b) => a * b, 1);
      if (off + 4 * n > bytes.length) return null;
      blobs.push({ shape, data: new Float32Array(bytes.slice(off, off + 4 * n).buffer) });
      off += 4 * n;
    }
    const at = (i: number) => { const b = blobs[i]; if (!b) throw new Error(`blob ${i} missing`); return b; };
    const done = head.done.map(({ picture, snaps, ...rest }) => ({ ...rest, picture: toImg(at(picture)), snaps: snaps.map((s) => toImg(at(s))) }));
    const p = head.partial;
    const partial = p ? { ...p, parameters: p.parameters.map(at), noise: at(p.noise), snaps: p.snaps.map((s) => toImg(at(s))) } : null;
    return { fingerprint: head.fingerprint, done, partial };
  } catch {
    return null;
  }
}

// A resumable CLI run's checkpoint on disk: one file holding the runner's latest checkpoint and
// the parameters it belongs to, so running the same command again continues where Ctrl-C (or a
// crash) stopped it, and a different command never picks up a stranger's state.
//
// Layout: "PLXR" | u32 version 1 | u32 header length | header JSON { step, key } | checkpoint bytes.
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../main/workspace';

const MAGIC = 'PLXR';
const VERSION = 1;

export interface ResumePoint { bytes: Uint8Array; step: number }

/** `key` identifies the run (e.g. the JSON of its parameters); a file with another key is ignored. */
export async function writeResumeFile(file: string, key: string, step: number, bytes: Uint8Array): Promise<void> {
  const header = new TextEncoder().encode(JSON.stringify({ step, key }));
  const out = new Uint8Array(12 + header.length + bytes.length);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(bytes, 12 + header.length);
  await writeFileAtomic(file, out);
}

export type ResumeLookup =
  | { status: 'none' }
  | { status: 'mismatch' }
  | { status: 'unreadable'; reason: string }
  | { status: 'ok'; point: ResumePoint };

export async function readResumeFile(file: string, key: string): Promise<ResumeLookup> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none' };
    return { status: 'unreadable', reason: (err as Error).message };
  }
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) return { status: 'unreadable', reason: 'not a parallax resume file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4, true) !== VERSION) return { status: 'unreadable', reason: `unsupported version ${view.getUint32(4, true)}` };
  const len = view.getUint32(8, true);
  if (12 + len > bytes.length) return { status: 'unreadable', reason: 'truncated header' };
  let header: { step?: unknown; key?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as typeof header;
  } catch {
    return { status: 'unreadable', reason: 'header is not JSON' };
  }
  if (header.key !== key) return { status: 'mismatch' };
  if (typeof header.step !== 'number' || !Number.isInteger(header.step) || header.step < 0) return { status: 'unreadable', reason: 'header.step is not a step number' };
  return { status: 'ok', point: { step: header.step, bytes: bytes.slice(12 + len) } };
}

export async function removeResumeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

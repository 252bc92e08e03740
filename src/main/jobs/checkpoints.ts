// Checkpoints in a job folder: `checkpoint-<step>.bin`, written atomically; older ones are
// removed only after the new one is complete, so a crash at any point leaves a usable one.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../workspace';

const CHECKPOINT = /^checkpoint-(\d+)\.bin$/;

export const checkpointFile = (step: number) => `checkpoint-${step}.bin`;

async function steps(jobDir: string): Promise<number[]> {
  const names = await readdir(jobDir).catch(() => [] as string[]);
  return names.map((n) => CHECKPOINT.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1])).sort((a, b) => a - b);
}

export async function writeCheckpoint(jobDir: string, step: number, bytes: Uint8Array): Promise<void> {
  if (!Number.isInteger(step) || step < 0) throw new Error(`checkpoint step must be a non-negative integer, got ${step}`);
  await writeFileAtomic(join(jobDir, checkpointFile(step)), bytes);
  for (const old of await steps(jobDir)) {
    if (old !== step) await rm(join(jobDir, checkpointFile(old)), { force: true });
  }
}

/** The newest complete checkpoint (temp files of interrupted writes are never matched). */
export async function latestCheckpoint(jobDir: string): Promise<{ step: number; bytes: Uint8Array } | null> {
  const all = await steps(jobDir);
  const step = all[all.length - 1];
  if (step === undefined) return null;
  return { step, bytes: new Uint8Array(await readFile(join(jobDir, checkpointFile(step)))) };
}

export async function removeCheckpoints(jobDir: string): Promise<void> {
  for (const s of await steps(jobDir)) await rm(join(jobDir, checkpointFile(s)), { force: true });
}

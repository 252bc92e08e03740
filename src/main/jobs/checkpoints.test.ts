import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestCheckpoint, writeCheckpoint } from './checkpoints';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('checkpoints', () => {
  it('keeps only the newest complete checkpoint and ignores half-written ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'px-ckpt-'));
    await writeCheckpoint(dir, 10, new Uint8Array([1]));
    await writeCheckpoint(dir, 20, new Uint8Array([2, 2]));
    expect((await readdir(dir)).sort()).toEqual(['checkpoint-20.bin']);
    // A write killed midway leaves only a hidden temp file: it is never taken for a checkpoint.
    await writeFile(join(dir, '.checkpoint-30.bin.tmp-deadbeef'), new Uint8Array([3]));
    expect(await latestCheckpoint(dir)).toEqual({ step: 20, bytes: new Uint8Array([2, 2]) });
    await expect(writeCheckpoint(dir, -1, new Uint8Array())).rejects.toThrow(/non-negative integer/);
  });

  it('returns null when there is no checkpoint', async () => {
    dir = await mkdtemp(join(tmpdir(), 'px-ckpt-'));
    expect(await latestCheckpoint(dir)).toBeNull();
  });
});

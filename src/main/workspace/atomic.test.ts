import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic, writeJsonAtomic } from './atomic';

const CHILD = fileURLToPath(new URL('./testing/atomic-writer-child.ts', import.meta.url));
let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('writeFileAtomic', () => {
  it('a write killed midway leaves the old file intact and no partial file visible', async () => {
    dir = await mkdtemp(join(tmpdir(), 'px-atomic-'));
    const target = join(dir, 'scene.bin');
    await writeFile(target, 'old content');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, '200'], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Wait until the child has streamed a few MiB into its temp file, then kill it hard.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('writing')) resolve(); });
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const during = await readdir(dir);
    expect(during.filter((n) => n.includes('.tmp-')).length).toBe(1); // the write really was in flight
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(await readFile(target, 'utf8')).toBe('old content');
    const visible = (await readdir(dir)).filter((n) => !n.startsWith('.'));
    expect(visible).toEqual(['scene.bin']);
    expect(await removeStaleTempFiles(dir)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['scene.bin']);
  });

  it('replaces content completely when the write finishes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'px-atomic-'));
    const target = join(dir, 'a.json');
    await writeJsonAtomic(target, { v: 1 });
    await writeJsonAtomic(target, { v: 2 });
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual({ v: 2 });
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('a failing source leaves the old file and removes the temp file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'px-atomic-'));
    const target = join(dir, 'x.bin');
    await writeFile(target, 'keep');
    async function* bad(): AsyncGenerator<Uint8Array> { yield new Uint8Array(10); throw new Error('source broke'); }
    await expect(writeFileAtomic(target, bad())).rejects.toThrow('source broke');
    expect(await readFile(target, 'utf8')).toBe('keep');
    expect(await readdir(dir)).toEqual(['x.bin']);
  });
});

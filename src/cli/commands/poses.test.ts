// `parallax poses` through the real CLI process: usage errors, and Ctrl-C (SIGINT) during
// COLMAP's feature extraction kills its process group and leaves nothing at --out.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beerFrames, haveBeerCan, processesMentioning, tempDir } from '../../main/poses/test-helpers';
import { runCli } from '../testing-run-cli';

let root: string;
beforeAll(async () => { root = await tempDir('poses-cli-'); });
afterAll(async () => { await fs.rm(root, { recursive: true, force: true }); });

describe('parallax poses', () => {
  it('refuses a non-empty --out and a bad --matcher, naming the flag', async () => {
    const full = path.join(root, 'full');
    await fs.mkdir(full);
    await fs.writeFile(path.join(full, 'x'), 'x');
    const a = await runCli(['poses', root, '--out', full]);
    expect(a.code).toBe(2);
    expect(a.out).toMatch(/--out: ".*full" exists and is not an empty folder/);
    const b = await runCli(['poses', root, '--out', path.join(root, 'o'), '--matcher', 'vocab']);
    expect(b.out).toMatch(/--matcher: expected auto\|exhaustive\|sequential, got "vocab"/);
    const c = await runCli(['poses', path.join(root, 'nothing-here'), '--out', path.join(root, 'o')]);
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/nothing-here: not found \(expected a folder of photos, a \.zip of photos or a video file\)/);
    expect(c.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.skipIf(!haveBeerCan)('Ctrl-C cancels: COLMAP is killed and nothing is left at --out', async () => {
    const src = path.join(root, 'photos');
    await beerFrames(src, 2, 3, 10);
    const parent = path.join(root, 'deep', 'parent');
    const out = path.join(parent, 'capture');
    const child = spawn(process.execPath, [path.join(process.cwd(), 'bin/parallax.mjs'), 'poses', src, '--out', out, '--max-size', '800'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let colmapSeen: number[] = [];
    const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const onData = (d: Buffer) => {
      text += d.toString();
      if (/poses features\s+\d+%\s+[1-9]/.test(text) && colmapSeen.length === 0) { // COLMAP has processed an image
        colmapSeen = processesMentioning(parent);
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const code = await done;
    expect(colmapSeen.length).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(text).toMatch(/poses cancelled; nothing was written to --out/);
    expect(processesMentioning(parent)).toEqual([]);
    expect(await fs.readdir(parent)).toEqual([]);
  }, 90_000);
});

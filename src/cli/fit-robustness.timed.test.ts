// `parallax fit` as a new user runs it: an --out whose parent folders do not exist yet, two fits to
// the same --out at once (the second is refused, naming the first), captures with too few views
// (refused with the count, posed or not), and export into a new folder. No stack traces.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScene, nerfstudioTransforms, renderProceduralCapture } from '../engine/data';
import { encodePng, writeBlenderCapture } from '../main/capture-io';
import type { Log } from './log';
import { main } from './main';
import { runCli } from './testing-run-cli';

const HAVE_RECON = existsSync(new URL('../engine/recon/index.ts', import.meta.url));
let base = '';
const lines: string[] = [];
const log: Log = { info: () => undefined, error: (l) => lines.push(`error: ${l}`), result: (l) => lines.push(l) };
const STACK = /\n\s+at /;

describe.skipIf(!HAVE_RECON)('parallax fit robustness', () => {
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'px-fitrob-'));
    const { capture } = renderProceduralCapture({ scene: demoScene(), width: 24, height: 24, views: { train: 8, test: 2 }, supersample: 1 });
    await writeBlenderCapture(join(base, 'capture'), capture);
    // One posed view (nerfstudio) and two unposed photos.
    await mkdir(join(base, 'one', 'images'), { recursive: true });
    await writeFile(join(base, 'one', 'images', 'a.png'), await encodePng(capture.views[0].image));
    await writeFile(join(base, 'one', 'transforms.json'), JSON.stringify(nerfstudioTransforms([{ path: 'images/a.png', c2w: capture.views[0].c2w, intrinsics: capture.views[0].intrinsics }])));
    await mkdir(join(base, 'photos'));
    for (const i of [0, 1]) await writeFile(join(base, 'photos', `p${i}.png`), await encodePng(capture.views[i].image));
  });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('a second fit to the same --out is refused naming the first; the first finishes into new parent folders', async () => {
    const out = join(base, 'new', 'deeper', 'scene');
    const lock = join(base, 'new', 'deeper', '.scene.lock');
    const args = ['fit', join(base, 'capture'), '--out', out, '--minutes', '0.25', '--preset', 'draft', '--res', '24', '--backend', 'wasm'];
    const first = runCli(args);
    for (let t = 0; !existsSync(lock) && t < 600; t++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(lock)).toBe(true);
    const second = await runCli(args);
    expect(second.code, second.out).toBe(1);
    expect(second.out).toMatch(new RegExp(`the output ${out} is in use by another process \\(pid \\d+ on [^,]+, started \\d{4}-\\d\\d-\\d\\dT[^:]+:\\d\\d:\\d\\d\\.\\d+Z: parallax fit `));
    expect(second.out).not.toMatch(STACK);
    const done = await first;
    expect(done.code, done.out).toBe(0);
    expect(await readdir(out)).toContain('scene.bin');
    // Nothing left beside the output: no lock, no partial folder, no resume file.
    expect((await readdir(join(base, 'new', 'deeper'))).sort()).toEqual(['scene']);
  }, 120_000);

  it('refuses one posed view and unposed photos with the count, without a stack', async () => {
    lines.length = 0;
    expect(await main(['fit', join(base, 'one'), '--out', join(base, 'o1'), '--minutes', '0.05', '--backend', 'wasm'], log)).toBe(1);
    expect(lines.join('\n')).toMatch(/fit failed: .*one \[frames\]: the capture has 1 view; reconstruction needs at least 3 posed views/);
    lines.length = 0;
    expect(await main(['fit', join(base, 'photos'), '--out', join(base, 'o2'), '--minutes', '0.05', '--backend', 'wasm'], log)).toBe(1);
    expect(lines.join('\n')).toMatch(/photos \[poses\]: 2 images without camera poses: reconstruction needs at least 3 views with known camera poses/);
    expect(lines.join('\n')).not.toMatch(STACK);
    expect(existsSync(join(base, 'o1'))).toBe(false);
    expect((await readdir(base)).filter((n) => n.startsWith('.o1') || n.startsWith('.o2'))).toEqual([]);
  });

  it('export and render create missing parent folders; bad targets are refused plainly', async () => {
    const scene = join(base, 'new', 'deeper', 'scene');
    lines.length = 0;
    expect(await main(['export', scene, '--ply', join(base, 'e', 'f', 'mesh.ply'), '--backend', 'wasm'], log), lines.join('\n')).toBe(0);
    expect(existsSync(join(base, 'e', 'f', 'mesh.ply'))).toBe(true);
    expect(await main(['export', scene, '--glb', join(base, 'e'), '--backend', 'wasm'], log)).toBe(2);
    expect(lines.join('\n')).toMatch(/--glb: ".*\/e" is a folder; give a file name/);
    expect(await main(['render', scene, '--turntable', join(base, 'e', 'f', 'mesh.ply'), '--frames', '1'], log)).toBe(2);
    expect(lines.join('\n')).toMatch(/mesh\.ply" exists and is not a folder/);
    expect(await main(['render', join(base, 'nope'), '--turntable', join(base, 't'), '--frames', '1', '--backend', 'wasm'], log)).toBe(1);
    expect(lines.at(-1)).toMatch(/nope\/manifest\.json: cannot read scene manifest/);
    expect(lines.join('\n')).not.toMatch(STACK);
  });
});

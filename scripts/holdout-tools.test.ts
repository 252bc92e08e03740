// scripts/psnr.mjs and scripts/holdout-split.mjs, run as a user runs them (child processes), on
// tiny synthetic images whose PSNR is known in closed form.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaptureFolder } from '../src/main/capture-io';

const PSNR = resolve('scripts/psnr.mjs');
const SPLIT = resolve('scripts/holdout-split.mjs');
let base = '';

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** A w x h image with `channels` channels from a per-pixel function. */
async function png(file: string, w: number, h: number, channels: 3 | 4, px: (x: number, y: number) => number[]) {
  const data = Buffer.alloc(w * h * channels);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(px(x, y), (y * w + x) * channels);
  mkdirSync(dirname(file), { recursive: true });
  await sharp(data, { raw: { width: w, height: h, channels } }).png().toFile(file);
}

// Every pixel off by exactly 10 levels: MSE = (10/255)^2, PSNR = 20 log10(25.5).
const PSNR_10 = 20 * Math.log10(255 / 10);
const pattern = (x: number, y: number) => 40 + ((x * 37 + y * 91) % 170);

describe('scripts/psnr.mjs', () => {
  beforeAll(() => { base = mkdtempSync(join(tmpdir(), 'px-psnr-')); });
  afterAll(() => { rmSync(base, { recursive: true, force: true }); });

  it('scores a known error per image and on average, with SSIM, matching by name', async () => {
    await png(join(base, 'gt/a.png'), 16, 16, 3, (x, y) => [pattern(x, y), pattern(y, x), 128]);
    await png(join(base, 'gt/b.png'), 16, 16, 3, (x, y) => [pattern(x, y), 30, 200]);
    await png(join(base, 'gt/unused.png'), 16, 16, 3, () => [0, 0, 0]);
    await png(join(base, 'r1/a.png'), 16, 16, 3, (x, y) => [pattern(x, y) + ((x + y) % 2 ? 10 : -10), pattern(y, x) + 10, 118]);
    await png(join(base, 'r1/b.png'), 16, 16, 3, (x, y) => [pattern(x, y), 30, 200]);
    const r = run(PSNR, [join(base, 'r1'), join(base, 'gt'), '--json']);
    expect(r.code, r.out).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.count).toBe(2);
    const a = j.images.find((i: { name: string }) => i.name === 'a.png');
    expect(a.psnr).toBeCloseTo(PSNR_10, 6);
    expect(a.ssim).toBeGreaterThan(0.5);
    expect(a.ssim).toBeLessThan(1);
    const b = j.images.find((i: { name: string }) => i.name === 'b.png');
    expect(b.psnr).toBeNull(); // identical: PSNR is infinite (null in JSON)
    expect(b.ssim).toBeCloseTo(1, 9);
    // The mean of per-image PSNRs: infinite with an identical image; the text table says "inf".
    expect(j.mean.psnr).toBeNull();
    const text = run(PSNR, [join(base, 'r1'), join(base, 'gt')]);
    expect(text.out).toMatch(/a\.png\s+28\.13\s+0\.\d{4}\s+16x16/);
    expect(text.out).toMatch(/mean \(2\)\s+inf/);
  });

  it('resizes ground truth to the render size (or both to --resize) and composites RGBA on the stated background', async () => {
    await png(join(base, 'big/c.png'), 32, 32, 3, () => [100, 150, 200]);
    await png(join(base, 'r2/c.png'), 16, 16, 3, () => [110, 140, 210]);
    let j = JSON.parse(run(PSNR, [join(base, 'r2'), join(base, 'big'), '--json', '--no-ssim']).stdout);
    expect(j.images[0]).toMatchObject({ width: 16, height: 16, ssim: null });
    expect(j.images[0].psnr).toBeCloseTo(PSNR_10, 6);
    j = JSON.parse(run(PSNR, [join(base, 'r2'), join(base, 'big'), '--json', '--resize', '8x8']).stdout);
    expect(j.images[0]).toMatchObject({ width: 8, height: 8, ssim: null }); // 8 < the 11-pixel SSIM window
    expect(j.images[0].psnr).toBeCloseTo(PSNR_10, 6);

    await png(join(base, 'rgba/d.png'), 16, 16, 4, () => [0, 0, 0, 0]);
    await png(join(base, 'r3/d.png'), 16, 16, 3, () => [245, 245, 245]);
    j = JSON.parse(run(PSNR, [join(base, 'r3'), join(base, 'rgba'), '--json']).stdout);
    expect(j.background).toEqual([1, 1, 1]);
    expect(j.images[0].psnr).toBeCloseTo(PSNR_10, 6);
    await png(join(base, 'r4/d.png'), 16, 16, 3, () => [10, 10, 10]);
    j = JSON.parse(run(PSNR, [join(base, 'r4'), join(base, 'rgba'), '--json', '--background', 'black']).stdout);
    expect(j.images[0].psnr).toBeCloseTo(PSNR_10, 6);
  });

  it('refuses a render without ground truth, another aspect ratio, and bad flags, naming them', async () => {
    await png(join(base, 'r5/zzz.png'), 16, 16, 3, () => [0, 0, 0]);
    let r = run(PSNR, [join(base, 'r5'), join(base, 'gt')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no ground truth for 1 render\(s\): zzz\.png/);
    await png(join(base, 'wide/c.png'), 32, 16, 3, () => [0, 0, 0]);
    r = run(PSNR, [join(base, 'r2'), join(base, 'wide')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/wide\/c\.png: aspect ratio 32x16 differs from the comparison size 16x16/);
    r = run(PSNR, [join(base, 'r2'), join(base, 'big'), '--resize', '8by8']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/--resize: expected WxH/);
  });
});

describe('scripts/holdout-split.mjs', () => {
  beforeAll(() => { base = mkdtempSync(join(tmpdir(), 'px-split-')); });
  afterAll(() => { rmSync(base, { recursive: true, force: true }); });

  it('holds out every 8th frame by name, links the rest, and psnr.mjs scores renders against the held-out json', async () => {
    const cap = join(base, 'capture');
    const names = Array.from({ length: 17 }, (_, i) => `frame_${i + 1}`);
    for (const [i, n] of names.entries()) await png(join(cap, 'images', `${n}.png`), 16, 16, 3, (x, y) => [pattern(x + i, y), 60, 90]);
    // The points file is itself a symlink (as in a capture that links shared data): the copy must not be one.
    writeFileSync(join(base, 'points-elsewhere.ply'), 'ply\n');
    symlinkSync(join(base, 'points-elsewhere.ply'), join(cap, 'sparse_points.ply'));
    // Listed out of order; frame_10 must sort after frame_9 (natural order). One path omits its extension.
    const order = [...names].reverse();
    const frames = order.map((n, i) => ({ file_path: n === 'frame_3' ? `images/${n}` : `images/${n}.png`, transform_matrix: [[1, 0, 0, i], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] }));
    writeFileSync(join(cap, 'transforms.json'), JSON.stringify({ camera_model: 'PINHOLE', fl_x: 20, fl_y: 20, cx: 8, cy: 8, w: 16, h: 16, ply_file_path: 'sparse_points.ply', test_filenames: ['images/frame_2.png'], frames }));

    const testJson = join(base, 'eval', 'held-out.json');
    const r = run(SPLIT, [cap, '--every', '8', '--train-out', join(base, 'train'), '--test-json', testJson, '--train-all']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/17 frames: 14 kept for training/);
    const train = JSON.parse(readFileSync(join(base, 'train', 'transforms.json'), 'utf8'));
    const test = JSON.parse(readFileSync(testJson, 'utf8'));
    const held = ['frame_1', 'frame_9', 'frame_17'];
    expect(test.frames.map((f: { file_path: string }) => f.file_path.replace(/^.*\//, ''))).toEqual(['frame_17.png', 'frame_9.png', 'frame_1.png']);
    expect(test.frames.every((f: { file_path: string }) => existsSync(resolve(dirname(testJson), f.file_path)))).toBe(true);
    expect(test.fl_x).toBe(20);
    expect(test.test_filenames).toBeUndefined();
    expect(test.ply_file_path).toBeUndefined();
    expect(train.frames).toHaveLength(14);
    expect(train.frames.some((f: { file_path: string }) => held.some((h) => f.file_path.includes(`${h}.`)))).toBe(false);
    expect(train.train_filenames).toHaveLength(14);
    expect(train.test_filenames).toBeUndefined();
    expect(train.frames[0].transform_matrix[0][3]).toBe(1); // poses untouched
    for (const f of train.frames as { file_path: string }[]) {
      const file = join(base, 'train', f.file_path.endsWith('.png') ? f.file_path : `${f.file_path}.png`);
      // A hard link (same inode) or a copy, never a symlink (the studio refuses those leading outside).
      expect(lstatSync(file).isFile()).toBe(true);
      expect(readFileSync(file)).toEqual(readFileSync(join(cap, file.slice(join(base, 'train').length + 1))));
    }
    expect(lstatSync(join(base, 'train', 'sparse_points.ply')).isFile()).toBe(true);
    // The studio's own reader opens the training copy, all 14 frames as training views.
    const opened = await openCaptureFolder(join(base, 'train'));
    expect(opened.views.filter((v) => v.split === 'train')).toHaveLength(14);

    // Renders named after the held-out frames: two exact, one 10 levels off everywhere.
    for (const [k, n] of held.entries()) {
      const i = names.indexOf(n);
      await png(join(base, 'renders', `${n}.png`), 16, 16, 3, (x, y) => [pattern(x + i, y), 60, k === 0 ? 100 : 90]);
    }
    const s = run(PSNR, [join(base, 'renders'), testJson, '--json']);
    expect(s.code, s.out).toBe(0);
    const j = JSON.parse(s.stdout);
    expect(j.count).toBe(3);
    // Only the blue channel of frame_1 is off: MSE = (10/255)^2 / 3.
    expect(j.images.find((i: { name: string }) => i.name === 'frame_1.png').psnr).toBeCloseTo(PSNR_10 + 10 * Math.log10(3), 6);
    rmSync(join(base, 'renders', 'frame_9.png'));
    const missing = run(PSNR, [join(base, 'renders'), testJson]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/no render for 1 frame\(s\) of .*held-out\.json: frame_9/);
  });

  it('--test-max-side scales the held-out cameras (per frame), keeping the training copy as it was', async () => {
    const cap = join(base, 'capture');
    const testJson = join(base, 'small.json');
    const r = run(SPLIT, [cap, '--train-out', join(base, 'train-small'), '--test-json', testJson, '--test-max-side', '8']);
    expect(r.code, r.out).toBe(0);
    const test = JSON.parse(readFileSync(testJson, 'utf8'));
    expect(test.frames[0]).toMatchObject({ w: 8, h: 8, fl_x: 10, fl_y: 10, cx: 4, cy: 4 });
    expect(test.fl_x).toBe(20); // the global camera is left as it was; per-frame values win
    expect(JSON.parse(readFileSync(join(base, 'train-small', 'transforms.json'), 'utf8')).frames[0].w).toBeUndefined();
  });

  it('refuses a non-empty --train-out and a path outside the capture', async () => {
    const cap = join(base, 'capture');
    let r = run(SPLIT, [cap, '--train-out', join(base, 'train'), '--test-json', join(base, 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/--train-out: .*train exists and is not an empty folder/);
    const bad = join(base, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'transforms.json'), JSON.stringify({ frames: [{ file_path: '../capture/images/frame_1.png' }, { file_path: 'b.png' }] }));
    r = run(SPLIT, [bad, '--train-out', join(base, 't2'), '--test-json', join(base, 'y.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/frames\[0\]\.file_path: "\.\.\/capture\/images\/frame_1\.png" is not inside the capture folder/);
  });
});

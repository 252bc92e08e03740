// estimatePoses end to end with the real COLMAP on a trimmed beer-can set (12 frames, every
// 3rd of the first 36, at max-size 800), plus the failure modes: too few images, unreadable
// files among good ones, all the same view, cancel.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colmapPoseToOpenglC2W } from '../../engine/data/formats/colmap';
import { parseColmapImagesBin } from '../../engine/data/formats/colmap-binary';
import { openCaptureFolder } from '../capture-io';
import { buildTestZip, zipEntriesOfFolder } from '../capture-io/zip-fixtures';
import { estimatePoses, PosesError } from './index';
import type { PosesProgress, PosesResult } from './index';
import { BEER_CAN, beerFrames, haveBeerCan, processesMentioning, tempDir } from './test-helpers';

if (!haveBeerCan) console.warn(`estimate-poses.test: ${BEER_CAN} is missing; the beer-can tests are skipped`);

type M = ArrayLike<number>;
/** Angle (degrees) of the relative rotation R_a^T R_b between two camera-to-world matrices (4x4 row-major). */
function relAngle(a: M, b: M): number {
  let tr = 0;
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) tr += a[4 * k + i] * b[4 * k + i];
  return (Math.acos(Math.min(1, Math.max(-1, (tr - 1) / 2))) * 180) / Math.PI;
}
const centre = (m: M) => [m[3], m[7], m[11]];
const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Fraction of points [N*3] in front of an OpenGL camera (looks down -z) that project inside its image. */
function insideFraction(p: Float32Array, m: M, k: { fx: number; fy: number; cx: number; cy: number; width: number; height: number }): number {
  let inside = 0;
  for (let i = 0; i < p.length; i += 3) {
    const d = [p[i] - m[3], p[i + 1] - m[7], p[i + 2] - m[11]];
    const [x, y, z] = [0, 1, 2].map((c) => m[c] * d[0] + m[4 + c] * d[1] + m[8 + c] * d[2]);
    if (z >= 0) continue;
    const u = k.cx + (k.fx * x) / -z;
    const v = k.cy - (k.fy * y) / -z;
    if (u >= 0 && u < k.width && v >= 0 && v < k.height) inside++;
  }
  return (3 * inside) / p.length;
}

let root: string;
beforeAll(async () => { root = await tempDir('poses-test-'); });
afterAll(async () => { await fs.rm(root, { recursive: true, force: true }); });

describe.skipIf(!haveBeerCan)('estimatePoses on beer-can frames (real COLMAP)', () => {
  let result: PosesResult;
  const stages = new Set<PosesProgress['stage']>();
  let outDir = '';

  beforeAll(async () => {
    const src = path.join(root, 'photos');
    await beerFrames(src, 0, 3, 12);
    await fs.writeFile(path.join(src, 'broken.jpg'), new Uint8Array(0));
    await fs.writeFile(path.join(src, 'readme.txt'), 'not a photo\n');
    outDir = path.join(root, 'new', 'parent', 'capture');
    result = await estimatePoses({ source: src, outDir, maxSize: 800, onProgress: (p) => stages.add(p.stage) });
  }, 240_000);

  it('registers most frames, skips the unreadable files by name and reports every stage', () => {
    expect(result.matcher).toBe('exhaustive');
    expect(result.registered.length + result.unregistered.length).toBe(12);
    expect(result.registered.length).toBeGreaterThanOrEqual(8);
    expect(result.skipped.map((s) => s.file)).toEqual(['broken.jpg', 'readme.txt']);
    expect(result.warnings.join('\n')).toMatch(/skipped broken\.jpg: .*0 bytes/);
    expect(result.meanReprojectionError).toBeGreaterThan(0);
    expect(result.meanReprojectionError).toBeLessThan(2);
    expect(result.points).toBeGreaterThan(100);
    expect([...stages]).toEqual(['images', 'features', 'matching', 'mapping', 'undistort', 'writing']);
  });

  it('writes a capture that openCaptureFolder reads, with its sparse points, and nothing else beside it', async () => {
    const cap = await openCaptureFolder(outDir, { maxSide: 128 });
    expect(cap.format).toBe('nerfstudio');
    expect(cap.views.length).toBe(result.registered.length);
    expect(cap.sparsePoints!.xyz.length).toBe(3 * result.points);
    expect(cap.warnings).toEqual([]);
    // Same world frame as the cameras: the sparse points project into every view (an object
    // capture: most points are on the can and the floor around it, seen by all).
    const p = cap.sparsePoints!.xyz;
    for (const v of cap.views) {
      expect(insideFraction(p, v.c2w, v.intrinsics)).toBeGreaterThan(0.7);
    }
    const t = JSON.parse(await fs.readFile(path.join(outDir, 'transforms.json'), 'utf8'));
    expect(t.ply_file_path).toBe('sparse_points.ply');
    expect(t.parallax_poses).toMatchObject({ tool: 'colmap', version: '3.8', matcher: 'exhaustive', registered: result.registered });
    expect(await fs.readdir(path.dirname(outDir))).toEqual(['capture']);
  });

  it('agrees with the reference beer-can model up to a similarity (relative rotations, distance ratios)', async () => {
    const t = JSON.parse(await fs.readFile(path.join(outDir, 'transforms.json'), 'utf8'));
    const ours = new Map<string, number[]>(t.frames.map((f: { file_path: string; transform_matrix: number[][] }) => [path.basename(f.file_path), f.transform_matrix.flat()]));
    const refFile = path.join(BEER_CAN, 'sparse/0/images.bin');
    const ref = new Map(parseColmapImagesBin(new Uint8Array(await fs.readFile(refFile)), refFile).map((im) => [im.name, colmapPoseToOpenglC2W(im.q, im.t, refFile, im.name)]));
    const names = [...ours.keys()].filter((n) => ref.has(n));
    expect(names.length).toBe(result.registered.length);
    // The reference is not clean ground truth: consecutive frames 13->14, 34->35 and 52->53 differ
    // by ~170 degrees in it (flipped registrations), so a camera agrees when its median
    // relative-rotation error against the others is small, and most cameras must agree.
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    const perCamera = names.map((a) => median(names.filter((b) => b !== a).map((b) => Math.abs(relAngle(ours.get(a)!, ours.get(b)!) - relAngle(ref.get(a)!, ref.get(b)!)))));
    const agree = names.filter((_, i) => perCamera[i] < 3);
    expect(agree.length).toBeGreaterThanOrEqual(Math.ceil(0.8 * names.length));
    // Centre distances of agreeing cameras keep their ratios (a similarity scales all alike).
    const [a0, b0] = [agree[0], agree[agree.length - 1]];
    const scale = dist(centre(ours.get(a0)!), centre(ours.get(b0)!)) / dist(centre(ref.get(a0)!), centre(ref.get(b0)!));
    const ratioErr: number[] = [];
    for (const a of agree) for (const b of agree) if (a < b) ratioErr.push(Math.abs(dist(centre(ours.get(a)!), centre(ours.get(b)!)) / scale / dist(centre(ref.get(a)!), centre(ref.get(b)!)) - 1));
    expect(median(ratioErr)).toBeLessThan(0.05);
  });
});

describe.skipIf(!haveBeerCan)('estimatePoses: bad inputs and cancel (real COLMAP)', () => {
  it('refuses fewer than 3 usable images, naming the folder', async () => {
    const src = path.join(root, 'two');
    await beerFrames(src, 0, 3, 2);
    const out = path.join(root, 'two-out');
    await expect(estimatePoses({ source: src, outDir: out })).rejects.toThrow(new RegExp(`${src}: 2 usable images, at least 3 are needed`));
    await expect(fs.stat(out)).rejects.toThrow(/ENOENT/);
    // The same two photos in a zip (in a subfolder, with a non-image) are extracted and counted alike.
    const zip = path.join(root, 'two.zip');
    await fs.writeFile(zip, buildTestZip([...await zipEntriesOfFolder(src, 'holiday/'), { name: 'holiday/notes.txt', data: 'hi' }]));
    await expect(estimatePoses({ source: zip, outDir: out })).rejects.toThrow(/two\.zip: 2 usable images, at least 3 are needed; skipped: holiday\/notes\.txt \(not a readable image/);
    await expect(estimatePoses({ source: path.join(BEER_CAN, 'images/0000.jpg'), outDir: out })).rejects.toThrow(/0000\.jpg: a single photo cannot be posed/);
    expect((await fs.readdir(root)).filter((n) => n.startsWith('.two-out'))).toEqual([]);
  });

  it('says so when all images show the same view, suggesting more overlap', async () => {
    const src = path.join(root, 'same');
    await fs.mkdir(src);
    for (const k of [1, 2, 3]) await fs.copyFile(path.join(BEER_CAN, 'images/0000.jpg'), path.join(src, `same${k}.jpg`));
    const err = await estimatePoses({ source: src, outDir: path.join(root, 'same-out'), maxSize: 400 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosesError);
    expect((err as Error).message).toMatch(/same: no camera poses found: the 3 images could not be registered .* suggest more overlap/);
    expect(await fs.readdir(root)).not.toContain('same-out');
  }, 60_000);

  it('refuses a non-empty output folder and an undecodable video', async () => {
    const full = path.join(root, 'full');
    await fs.mkdir(full);
    await fs.writeFile(path.join(full, 'x'), 'x');
    await expect(estimatePoses({ source: full, outDir: full })).rejects.toThrow(/full: the output folder is not empty/);
    const video = path.join(root, 'clip.mp4');
    await fs.writeFile(video, 'this is not a video\n'.repeat(50));
    await expect(estimatePoses({ source: video, outDir: path.join(root, 'clip-out') })).rejects.toThrow(/clip\.mp4: ffmpeg cannot decode this video \(.+\)/);
    expect((await fs.readdir(root)).filter((n) => n.includes('clip-out'))).toEqual([]);
  });

  it('cancel during feature extraction kills COLMAP and leaves nothing at outDir', async () => {
    const src = path.join(root, 'cancel');
    await beerFrames(src, 1, 3, 10);
    const parent = path.join(root, 'cancel-parent');
    const out = path.join(parent, 'capture');
    const ac = new AbortController();
    let pidsDuring: number[] = [];
    const run = estimatePoses({
      source: src, outDir: out, maxSize: 800, signal: ac.signal,
      onProgress: (p) => {
        if (p.stage === 'features' && p.done >= 1 && !ac.signal.aborted) {
          pidsDuring = processesMentioning(parent);
          ac.abort();
        }
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(pidsDuring.length).toBeGreaterThan(0); // COLMAP was running when we cancelled
    expect(processesMentioning(parent)).toEqual([]);
    expect(await fs.readdir(parent)).toEqual([]);
  }, 60_000);
});

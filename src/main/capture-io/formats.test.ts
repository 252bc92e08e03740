// Every capture format written to disk (real PNG / JPEG / WebP via sharp) and read back with
// openCaptureFolder: same cameras, same images (within codec error), sensible bounds.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../engine/data';
import { openCaptureFolder } from './index';
import { referenceCapture, tempDir, writeFormat } from './test-fixtures';

const FORMATS = ['blender', 'nerfstudio', 'instant-ngp', 'colmap', 'llff'] as const;
let root: string;
let ref: Capture;
const dirs: Record<string, string> = {};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const meanAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
};
/** Reference view with the same image file order as each format uses. */
const refView = (c: Capture, i: number) => c.views[i];

beforeAll(async () => {
  root = await tempDir();
  ref = referenceCapture();
  for (const f of [...FORMATS, 'images'] as const) dirs[f] = await writeFormat(path.join(root, f), ref, f);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('openCaptureFolder reads every format', () => {
  for (const format of FORMATS) {
    it(`${format}: detects the format and reproduces cameras and images`, async () => {
      const cap = await openCaptureFolder(dirs[format], { normalize: 'none', holdoutEvery: 0 });
      expect(cap.format).toBe(format);
      expect(cap.views).toHaveLength(ref.views.length);
      const order = format === 'blender' ? cap.views : cap.views; // all formats keep the written order
      order.forEach((v, i) => {
        const r = refView(ref, i);
        expect(maxAbsDiff(v.c2w, r.c2w)).toBeLessThan(1e-9);
        expect(v.intrinsics.width).toBe(24);
        expect(v.intrinsics.height).toBe(18);
        expect(v.intrinsics.fx).toBeCloseTo(r.intrinsics.fx, 9);
        expect(v.intrinsics.cy).toBeCloseTo(r.intrinsics.cy, 9);
        const tolerance = format === 'blender' || format === 'colmap' ? 0.004 : 0.05; // PNG vs JPEG/WebP
        expect(meanAbsDiff(v.image.data, r.image.data)).toBeLessThan(tolerance);
      });
    });
  }

  it('blender: reads ground-truth depth and alpha, splits and scene bounds', async () => {
    const cap = await openCaptureFolder(dirs.blender);
    expect(cap.views.filter((v) => v.split === 'test')).toHaveLength(2);
    expect(cap.normalization?.scale).toBe(1);
    expect(maxAbsDiff(cap.normalization!.transform, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeLessThan(1e-12);
    expect(maxAbsDiff(cap.views[3].depth!, ref.views[3].depth!)).toBe(0);
    expect(cap.views[3].alpha).toBeDefined();
    expect(maxAbsDiff(cap.aabb.min, ref.aabb.min)).toBeLessThan(1e-12);
    const trainOnly = await openCaptureFolder(dirs.blender, { splits: ['train'] });
    expect(trainOnly.views).toHaveLength(8);
  });

  it('downscales on load with a box filter and rescales intrinsics', async () => {
    const cap = await openCaptureFolder(dirs.blender, { maxSide: 12, normalize: 'none' });
    const v = cap.views[0];
    expect([v.image.width, v.image.height]).toEqual([12, 9]);
    expect(v.intrinsics.fx).toBeCloseTo(ref.views[0].intrinsics.fx / 2, 9);
    expect(v.intrinsics.cx).toBeCloseTo(6, 9);
    expect(v.depth!.length).toBe(12 * 9);
  });

  it('all formats agree on the cameras after camera-based normalisation', async () => {
    const caps = await Promise.all(FORMATS.map((f) => openCaptureFolder(dirs[f], { normalize: 'cameras', holdoutEvery: 0 })));
    const base = caps[0];
    expect(base.normalization!.method).toBe('cameras');
    for (const c of caps.slice(1)) {
      c.views.forEach((v, i) => expect(maxAbsDiff(v.c2w, base.views[i].c2w)).toBeLessThan(1e-6));
      expect(maxAbsDiff(c.aabb.min, base.aabb.min)).toBeLessThan(1e-6);
    }
    // The rig looks at the origin from radius 3: normalisation keeps scale 1 and centres ~0.
    expect(base.normalization!.scale).toBe(1);
    expect(Math.hypot(...base.normalization!.center)).toBeLessThan(1e-6);
  });

  it('holds out every 8th view for formats without splits', async () => {
    const cap = await openCaptureFolder(dirs.colmap);
    expect(cap.views.map((v) => v.split)).toEqual(['test', 'train', 'train', 'train', 'train', 'train', 'train', 'train', 'test', 'train']);
  });

  it('LLFF bounds give the near/far planes; Instant-NGP scale/offset give the box', async () => {
    const llff = await openCaptureFolder(dirs.llff, { normalize: 'none' });
    expect(llff.near).toBeCloseTo(1.35, 9);
    expect(llff.far).toBeGreaterThan(4.5);
    const ngp = await openCaptureFolder(dirs['instant-ngp'], { normalize: 'none' });
    expect(ngp.aabb).toEqual({ min: [-1, -1, -1], max: [1, 1, 1] });
  });

  it('plain image folders get flagged placeholder poses', async () => {
    const cap = await openCaptureFolder(dirs.images);
    expect(cap.format).toBe('images');
    expect(cap.placeholderPoses).toBe(true);
    expect(cap.views).toHaveLength(3);
    expect(cap.warnings[0]).toMatch(/placeholder poses/);
  });

  it('warns that distortion is ignored', async () => {
    const dir = path.join(root, 'distorted');
    await fs.cp(dirs.colmap, dir, { recursive: true });
    const camFile = path.join(dir, 'sparse', '0', 'cameras.txt');
    const text = await fs.readFile(camFile, 'utf8');
    await fs.writeFile(camFile, text.replace(/^1 PINHOLE (\d+) (\d+) (\S+) \S+ (\S+) (\S+)$/m, '1 SIMPLE_RADIAL $1 $2 $3 $4 $5 0.05'));
    const cap = await openCaptureFolder(dir);
    expect(cap.warnings.join('\n')).toMatch(/camera 1 is SIMPLE_RADIAL; its distortion \(k=0.05\) is ignored/);
  });
});

describe('bundled sample capture', () => {
  it('reads resources/sample-capture: 40 train + 8 test views at 100x100, RGBA', async () => {
    const dir = path.resolve(__dirname, '..', '..', '..', 'resources', 'sample-capture');
    const cap = await openCaptureFolder(dir);
    expect(cap.format).toBe('blender');
    expect(cap.views.filter((v) => v.split === 'train')).toHaveLength(40);
    expect(cap.views.filter((v) => v.split === 'test')).toHaveLength(8);
    expect([cap.views[0].image.width, cap.views[0].image.height]).toEqual([100, 100]);
    expect(cap.views[0].alpha).toBeDefined();
    expect(cap.near).toBeGreaterThan(0);
    expect(cap.far).toBeGreaterThan(cap.near);
  });
});

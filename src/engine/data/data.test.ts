import { describe, expect, it } from 'vitest';
import { lookAt, multiply4 } from '../camera';
import type { Mat4 } from '../camera';
import {
  CaptureError, blenderTransforms, colmapModel, demoScene, detectCaptureFormat, llffPosesBounds, lookAtPoint,
  memoryCaptureFiles, normalizeScene, parseJsonFile, parseNpy, readCapture, renderProceduralCapture,
  rotationToQuaternion, safeRelativePath, writeNpyFloat64,
} from './index';
import { encodeRgbToRgba8 } from '../image';
import type { DecodedImage } from './types';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('paths and JSON', () => {
  it('normalises relative paths and rejects escapes', () => {
    expect(safeRelativePath('./train/../train/r_0', 'f', 'x')).toBe('train/r_0');
    expect(safeRelativePath('a\\b.png', 'f', 'x')).toBe('a/b.png');
    expect(() => safeRelativePath('../x.png', 'f.json', 'frames[0].file_path')).toThrow(/f\.json \[frames\[0\]\.file_path\]: path escapes/);
    expect(() => safeRelativePath('/etc/passwd', 'f', 'x')).toThrow(/absolute/);
    expect(() => safeRelativePath('C:\\x.png', 'f', 'x')).toThrow(/absolute/);
  });

  it('reports malformed JSON with line and column', () => {
    try {
      parseJsonFile('{\n  "a": 1,\n  "b": }', 'transforms.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CaptureError);
      expect((e as CaptureError).file).toBe('transforms.json');
      expect((e as Error).message).toMatch(/line 3, column 8/);
    }
  });
});

describe('.npy', () => {
  it('round-trips float64 arrays and reads fortran order and float32', () => {
    const data = Array.from({ length: 6 }, (_, i) => i + 0.5);
    const arr = parseNpy(writeNpyFloat64([2, 3], data), 'a.npy');
    expect(arr.shape).toEqual([2, 3]);
    expect(Array.from(arr.data)).toEqual(data);
    // Hand-built v1.0 header, float32, fortran order: column-major [[1,2,3],[4,5,6]].
    let header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
    header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const bytes = new Uint8Array(10 + header.length + 24);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
    for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
    const view = new DataView(bytes.buffer);
    [1, 4, 2, 5, 3, 6].forEach((v, i) => view.setFloat32(10 + header.length + 4 * i, v, true));
    expect(Array.from(parseNpy(bytes, 'b.npy').data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('normalisation', () => {
  const ring = (centre: [number, number, number], radius: number, n = 8): Mat4[] =>
    Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return lookAt([centre[0] + radius * Math.sin(a), centre[1] + radius * 0.5, centre[2] + radius * Math.cos(a)], centre);
    });
  const k = { width: 10, height: 10, fx: 12, fy: 12, cx: 5, cy: 5 };

  it('finds the look-at point and rescales cameras into the radius range', () => {
    const poses = ring([5, -2, 1], 20);
    const p = lookAtPoint(poses.map((c2w) => ({ c2w, intrinsics: k })))!;
    expect(maxAbsDiff(p, [5, -2, 1])).toBeLessThan(1e-9);
    const { normalization, aabb } = normalizeScene(poses.map((c2w) => ({ c2w, intrinsics: k })), {});
    expect(normalization.scale).toBeCloseTo(4.5 / Math.hypot(20, 10), 9);
    expect(maxAbsDiff(aabb.min.map((v, i) => v + aabb.max[i]), [0, 0, 0])).toBeLessThan(1e-9);
  });

  it('turns a Z-up capture +Y up with an axis rotation', () => {
    const zUp: Mat4 = Float64Array.from([1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1]); // +Y -> +Z
    const poses = ring([0, 0, 0], 3).map((m) => multiply4(zUp, m));
    const { normalization } = normalizeScene(poses.map((c2w) => ({ c2w, intrinsics: k })), {});
    expect(normalization.rotation).toEqual([1, 0, 0, 0, 0, 1, 0, -1, 0]);
  });
});

describe('readCapture on in-memory files', () => {
  const { capture } = renderProceduralCapture({ scene: demoScene(), width: 12, height: 10, views: { train: 4, test: 1 }, supersample: 1 });
  const images: Record<string, DecodedImage> = {};
  for (const [i, v] of capture.views.entries()) images[`img/${i}.png`] = encodeRgbToRgba8(v.image, v.alpha, [1, 1, 1]);
  const frames = capture.views.map((v, i) => ({ path: `img/${i}.png`, c2w: v.c2w, intrinsics: v.intrinsics }));

  it('reads Blender transforms with RGBA composited on the requested background', async () => {
    const files = memoryCaptureFiles({ ...images, 'transforms_train.json': JSON.stringify(blenderTransforms(frames)) });
    expect(await detectCaptureFormat(files)).toBe('blender');
    const black = await readCapture(files, { background: [0, 0, 0], normalize: 'none' });
    expect(black.views).toHaveLength(5);
    expect(maxAbsDiff(black.views[2].c2w, capture.views[2].c2w)).toBeLessThan(1e-12);
    // A background pixel (alpha 0) takes the requested background colour.
    const a = capture.views[0].alpha!;
    const bg = a.findIndex((x) => x === 0);
    expect(Array.from(black.views[0].image.data.slice(3 * bg, 3 * bg + 3))).toEqual([0, 0, 0]);
    expect(black.views[0].alpha![bg]).toBe(0);
  });

  it('reads COLMAP and LLFF cameras back exactly (OpenCV and LLFF conventions)', async () => {
    const names = frames.map((f, i) => ({ ...f, path: `${i}.png` }));
    const { camerasTxt, imagesTxt } = colmapModel(names);
    const byName: Record<string, DecodedImage> = {};
    names.forEach((f, i) => { byName[`images/${f.path}`] = images[`img/${i}.png`]; });
    const colmap = await readCapture(memoryCaptureFiles({ ...byName, 'sparse/0/cameras.txt': camerasTxt, 'sparse/0/images.txt': imagesTxt }), { normalize: 'none', holdoutEvery: 0 });
    expect(colmap.format).toBe('colmap');
    colmap.views.forEach((v, i) => expect(maxAbsDiff(v.c2w, capture.views[i].c2w)).toBeLessThan(1e-9));
    const llff = await readCapture(memoryCaptureFiles({ ...byName, 'poses_bounds.npy': llffPosesBounds(names, names.map(() => [1, 5])) }), { normalize: 'none', holdoutEvery: 0 });
    expect(llff.format).toBe('llff');
    llff.views.forEach((v, i) => expect(maxAbsDiff(v.c2w, capture.views[i].c2w)).toBeLessThan(1e-12));
  });

  it('converts rotations to unit quaternions', () => {
    const q = rotationToQuaternion([0, -1, 0, 1, 0, 0, 0, 0, 1]); // 90 deg about Z
    expect(maxAbsDiff(q, [Math.SQRT1_2, 0, 0, Math.SQRT1_2])).toBeLessThan(1e-12);
  });
});

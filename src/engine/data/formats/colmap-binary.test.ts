// COLMAP binary model reader: the real beer-can model (counts, camera params, agreement with the
// LLFF poses_bounds.npy written from the same reconstruction) and malformed/truncated bytes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawCapture } from '../detect';
import { memoryCaptureFiles } from '../files';
import { parseColmapCamerasBin, parseColmapImagesBin, parseColmapPoints3DBin } from './colmap-binary';
import { parseNpy } from './npy';

const BEER = path.resolve(__dirname, '../../../..', '../shared/data/beer-can');
const haveBeer = existsSync(path.join(BEER, 'sparse/0/images.bin'));
if (!haveBeer) console.warn(`colmap-binary.test: ${BEER} is missing; the beer-can tests are skipped`);
const bin = (name: string) => new Uint8Array(readFileSync(path.join(BEER, 'sparse/0', name)));

/** cameras.bin with one camera, written field by field. */
function camerasBin(modelId: number, params: number[]): Uint8Array {
  const b = new DataView(new ArrayBuffer(8 + 24 + 8 * params.length));
  b.setBigUint64(0, 1n, true);
  b.setInt32(8, 1, true);
  b.setInt32(12, modelId, true);
  b.setBigUint64(16, 640n, true);
  b.setBigUint64(24, 480n, true);
  params.forEach((p, i) => b.setFloat64(32 + 8 * i, p, true));
  return new Uint8Array(b.buffer);
}

function imagesBin(name: string, q = [1, 0, 0, 0], t = [0, 0, 0]): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const b = new DataView(new ArrayBuffer(8 + 4 + 56 + 4 + nameBytes.length + 1 + 8 + 24));
  const u = new Uint8Array(b.buffer);
  b.setBigUint64(0, 1n, true);
  b.setInt32(8, 7, true);
  [...q, ...t].forEach((v, i) => b.setFloat64(12 + 8 * i, v, true));
  b.setInt32(68, 1, true);
  u.set(nameBytes, 72);
  const at = 72 + nameBytes.length + 1;
  b.setBigUint64(at, 1n, true);
  b.setFloat64(at + 8, 10.5, true);
  b.setFloat64(at + 16, 20.5, true);
  b.setBigInt64(at + 24, -1n, true);
  return u;
}

describe.skipIf(!haveBeer)('COLMAP binary model: beer-can', () => {
  it('parses cameras, images and points with their counts and params', () => {
    const cams = parseColmapCamerasBin(bin('cameras.bin'));
    expect(cams.length).toBeGreaterThanOrEqual(1);
    expect(cams[0]).toMatchObject({ width: 720, height: 1280 });
    expect(cams[0].params.length).toBe({ SIMPLE_PINHOLE: 3, PINHOLE: 4, SIMPLE_RADIAL: 4, RADIAL: 5, OPENCV: 8 }[cams[0].model]);
    // poses_bounds.npy stores the focal length of the same model (column 4, row 2).
    const npy = parseNpy(new Uint8Array(readFileSync(path.join(BEER, 'poses_bounds.npy'))), 'poses_bounds.npy');
    expect(cams[0].params[0]).toBeCloseTo(npy.data[14], 3);
    const images = parseColmapImagesBin(bin('images.bin'));
    expect(images.length).toBe(71);
    expect(images.every((im) => /^\d{4}\.jpg$/.test(im.name))).toBe(true);
    const pts = parseColmapPoints3DBin(bin('points3D.bin'));
    expect(pts.xyz.length).toBe(3 * pts.ids.length);
    expect(pts.ids.length).toBeGreaterThan(1000);
    expect(Math.max(...pts.error)).toBeLessThan(10);
  });

  it('gives the same camera-to-world poses as poses_bounds.npy up to the LLFF axis order', async () => {
    const files = memoryCaptureFiles({ 'cameras.bin': bin('cameras.bin'), 'images.bin': bin('images.bin'), 'points3D.bin': bin('points3D.bin') });
    const raw = await readRawCapture(files, 'colmap');
    expect(raw.frames.length).toBe(71);
    expect(raw.sparsePoints!.xyz.length).toBeGreaterThan(3000);
    const npy = parseNpy(new Uint8Array(readFileSync(path.join(BEER, 'poses_bounds.npy'))), 'poses_bounds.npy');
    let worst = 0;
    raw.frames.forEach((f, i) => {
      // LLFF columns are (down, right, back, centre); OpenGL c2w columns are (right, up, back, centre).
      const m = f.c2w;
      const row = (r: number) => npy.data.subarray(17 * i + 5 * r, 17 * i + 5 * r + 4);
      for (let r = 0; r < 3; r++) {
        const l = row(r);
        worst = Math.max(worst, Math.abs(l[0] + m[4 * r + 1]), Math.abs(l[1] - m[4 * r]), Math.abs(l[2] - m[4 * r + 2]), Math.abs(l[3] - m[4 * r + 3]));
      }
    });
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('COLMAP binary model: malformed bytes', () => {
  it('reads a hand-written PINHOLE camera and image', () => {
    expect(parseColmapCamerasBin(camerasBin(1, [500, 501, 320, 240]))[0]).toEqual({ id: 1, model: 'PINHOLE', width: 640, height: 480, params: [500, 501, 320, 240] });
    expect(parseColmapImagesBin(imagesBin('a b.jpg'))[0]).toMatchObject({ id: 7, name: 'a b.jpg', cameraId: 1, points2D: 1, q: [1, 0, 0, 0] });
  });

  it('names the file and field of truncated or corrupt data', () => {
    const cams = camerasBin(4, [500, 500, 320, 240, 0, 0, 0, 0]);
    expect(() => parseColmapCamerasBin(cams.subarray(0, cams.length - 3), 'sparse/0/cameras.bin'))
      .toThrow(/sparse\/0\/cameras\.bin \[(num_cameras|cameras\[0\]\.params\[7\])\]: .*truncated/);
    expect(() => parseColmapCamerasBin(new Uint8Array(4), 'c.bin')).toThrow(/c\.bin \[num_cameras\]: file is truncated/);
    expect(() => parseColmapCamerasBin(camerasBin(42, [1, 2, 3]), 'c.bin')).toThrow(/c\.bin \[cameras\[0\]\.model_id\]: unknown camera model id 42/);
    expect(() => parseColmapCamerasBin(new Uint8Array([...cams, 0]), 'c.bin')).toThrow(/c\.bin \[end of file\]: 1 unexpected bytes/);
    const img = imagesBin('x.jpg');
    expect(() => parseColmapImagesBin(imagesBin('x'.repeat(40)).subarray(0, 72 + 30), 'i.bin')).toThrow(/i\.bin \[images\[0\]\.name\]: file is truncated: no NUL/);
    expect(() => parseColmapImagesBin(img.subarray(0, img.length - 8), 'i.bin')).toThrow(/i\.bin \[images\[0\]\.(num_points2D|points2D)\]/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
    expect(() => parseColmapPoints3DBin(huge, 'p.bin')).toThrow(/p\.bin \[num_points3D\]: count \d+ needs at least/);
    const nan = imagesBin('x.jpg', [NaN, 0, 0, 0]);
    expect(() => parseColmapImagesBin(nan, 'i.bin')).toThrow(/i\.bin \[images\[0\]\.qw\]: expected a finite number/);
  });

  it('opens a binary model as a capture and refuses fisheye cameras by name', async () => {
    const raw = await readRawCapture(memoryCaptureFiles({ 'sparse/0/cameras.bin': camerasBin(1, [500, 500, 320, 240]), 'sparse/0/images.bin': imagesBin('a.png') }), 'auto');
    expect(raw.format).toBe('colmap');
    expect(raw.frames[0].candidates).toEqual(['images/a.png']);
    expect(raw.frames[0].intrinsicsFor(640, 480)).toMatchObject({ fx: 500, cx: 320 });
    const fisheye = memoryCaptureFiles({ 'cameras.bin': camerasBin(5, [500, 500, 320, 240, 0, 0, 0, 0]), 'images.bin': imagesBin('a.png') });
    await expect(readRawCapture(fisheye, 'auto')).rejects.toThrow(/cameras\.bin \[cameras\[0\]\]: camera 1 uses the "OPENCV_FISHEYE" model/);
    await expect(readRawCapture(memoryCaptureFiles({ 'sparse/0/cameras.bin': camerasBin(1, [1, 1, 1, 1]) }), 'auto'))
      .rejects.toThrow(/sparse\/0\/images\.bin \[format\]: COLMAP binary model is incomplete/);
  });
});

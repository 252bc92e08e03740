// Malformed captures: each must fail with a CaptureError naming the file and the field.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError, writeNpyFloat64 } from '../../engine/data';
import type { Capture } from '../../engine/data';
import { createFolderCaptureFiles, openCaptureFolder } from './index';
import { referenceCapture, tempDir, writeFormat, writeJson } from './test-fixtures';

let root: string;
let ref: Capture;
let n = 0;

beforeAll(async () => {
  root = await tempDir('parallax-malformed-');
  ref = referenceCapture();
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function fresh(format: Parameters<typeof writeFormat>[2]): Promise<string> {
  return writeFormat(path.join(root, `case-${n++}`), ref, format);
}
async function editJson(file: string, edit: (j: any) => void): Promise<void> {
  const j = JSON.parse(await fs.readFile(file, 'utf8'));
  edit(j);
  await writeJson(file, j);
}
async function editText(file: string, edit: (t: string) => string): Promise<void> {
  await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
}
async function captureError(dir: string): Promise<CaptureError> {
  try {
    await openCaptureFolder(dir);
  } catch (e) {
    if (e instanceof CaptureError) return e;
    throw e;
  }
  throw new Error('expected a CaptureError');
}

interface Case { name: string; setup: () => Promise<string>; file: string | RegExp; field: string | RegExp; message: RegExp }

const cases: Case[] = [
  {
    name: 'malformed JSON',
    setup: async () => { const d = await fresh('blender'); await editText(path.join(d, 'transforms_train.json'), (t) => t.replace('"frames": [', '"frames": [,')); return d; },
    file: 'transforms_train.json', field: /^json@\d+:\d+$/, message: /malformed JSON at line \d+, column \d+/,
  },
  {
    name: 'missing image',
    setup: async () => { const d = await fresh('blender'); await fs.rm(path.join(d, 'train', 'r_1.png')); return d; },
    file: 'transforms_train.json', field: 'frames[1].file_path', message: /image not found: "train\/r_1.png"/,
  },
  {
    name: 'unreadable image',
    setup: async () => { const d = await fresh('colmap'); await fs.writeFile(path.join(d, 'images', 'frame_002.png'), 'not a png at all'); return d; },
    file: 'images/frame_002.png', field: 'image', message: /cannot read image/,
  },
  {
    name: 'non-rigid pose (scaled rotation)',
    setup: async () => { const d = await fresh('nerfstudio'); await editJson(path.join(d, 'transforms.json'), (j) => { j.frames[2].transform_matrix[0][0] *= 2; }); return d; },
    file: 'transforms.json', field: 'frames[2].transform_matrix', message: /not a rigid transform: rotation part is not orthonormal/,
  },
  {
    name: 'non-finite pose entry',
    setup: async () => { const d = await fresh('blender'); await editText(path.join(d, 'transforms_test.json'), (t) => t.replace(/"transform_matrix": \[\s*\[\s*([-\d.e]+)/, '"transform_matrix": [[1e999')); return d; },
    file: 'transforms_test.json', field: 'frames[0].transform_matrix', message: /entry \[0\]\[0\] is not a finite number: Infinity/,
  },
  {
    name: 'unknown COLMAP camera model',
    setup: async () => { const d = await fresh('colmap'); await editText(path.join(d, 'sparse', '0', 'cameras.txt'), (t) => t.replace('1 PINHOLE', '1 THIN_PRISM_FISHEYE')); return d; },
    file: 'sparse/0/cameras.txt', field: /^line \d+\.MODEL$/, message: /unknown or unsupported camera model "THIN_PRISM_FISHEYE"/,
  },
  {
    name: 'unsupported nerfstudio camera model',
    setup: async () => { const d = await fresh('nerfstudio'); await editJson(path.join(d, 'transforms.json'), (j) => { j.camera_model = 'EQUIRECTANGULAR'; }); return d; },
    file: 'transforms.json', field: 'camera_model', message: /unsupported camera model "EQUIRECTANGULAR"/,
  },
  {
    name: 'path escaping the capture folder',
    setup: async () => { const d = await fresh('nerfstudio'); await editJson(path.join(d, 'transforms.json'), (j) => { j.frames[0].file_path = 'images/../../outside.jpg'; }); return d; },
    file: 'transforms.json', field: 'frames[0].file_path', message: /path escapes the capture folder/,
  },
  {
    name: 'absolute path',
    setup: async () => { const d = await fresh('blender'); await editJson(path.join(d, 'transforms_train.json'), (j) => { j.frames[3].file_path = '/etc/hostname'; }); return d; },
    file: 'transforms_train.json', field: 'frames[3].file_path', message: /absolute paths are not allowed/,
  },
  {
    name: 'image behind a symlink that leaves the folder',
    setup: async () => {
      const d = await fresh('colmap');
      const outside = path.join(root, `outside-${n}.png`);
      await fs.rename(path.join(d, 'images', 'frame_004.png'), outside);
      await fs.symlink(outside, path.join(d, 'images', 'frame_004.png'));
      return d;
    },
    file: 'images/frame_004.png', field: 'path', message: /leaves the capture folder through a symbolic link/,
  },
  {
    name: 'absurd image size',
    setup: async () => {
      const d = await fresh('colmap');
      await sharp({ create: { width: 16385, height: 2, channels: 3, background: '#fff' } }).png().toFile(path.join(d, 'images', 'frame_001.png'));
      return d;
    },
    file: 'images/frame_001.png', field: 'width', message: /exceeds the limit of 16384 px/,
  },
  {
    name: 'frame/image count mismatch (LLFF)',
    setup: async () => { const d = await fresh('llff'); await fs.rm(path.join(d, 'images', 'frame_009.jpg')); return d; },
    file: 'poses_bounds.npy', field: 'shape[0]', message: /10 poses but images\/ holds 9 images/,
  },
  {
    name: 'negative focal length',
    setup: async () => { const d = await fresh('nerfstudio'); await editJson(path.join(d, 'transforms.json'), (j) => { j.frames[1].fl_x = -100; }); return d; },
    file: 'transforms.json', field: 'frames[1].fl_x', message: /must be > 0, got -100/,
  },
  {
    name: 'zero focal length (COLMAP)',
    setup: async () => { const d = await fresh('colmap'); await editText(path.join(d, 'sparse', '0', 'cameras.txt'), (t) => t.replace(/^1 PINHOLE (\d+) (\d+) \S+/m, '1 PINHOLE $1 $2 0')); return d; },
    file: 'sparse/0/cameras.txt', field: /^line \d+\.fx$/, message: /focal length fx must be > 0, got 0/,
  },
  {
    name: 'empty capture',
    setup: async () => { const d = path.join(root, `case-${n++}`); await writeJson(path.join(d, 'transforms.json'), { camera_model: 'OPENCV', fl_x: 10, frames: [] }); return d; },
    file: 'transforms.json', field: 'frames', message: /no frames \(empty capture\)/,
  },
  {
    name: 'undefined COLMAP camera id',
    setup: async () => { const d = await fresh('colmap'); await editText(path.join(d, 'sparse', '0', 'images.txt'), (t) => t.replace(/ 3 frame_002\.png/, ' 42 frame_002.png')); return d; },
    file: 'sparse/0/images.txt', field: /^line \d+\.CAMERA_ID$/, message: /camera 42 is not defined/,
  },
  {
    name: 'non-unit COLMAP quaternion',
    setup: async () => { const d = await fresh('colmap'); await editText(path.join(d, 'sparse', '0', 'images.txt'), (t) => t.replace(/^2 \S+/m, '2 5')); return d; },
    file: 'sparse/0/images.txt', field: /^line \d+\.QW\.\.TZ$/, message: /must be a unit quaternion/,
  },
  {
    name: 'truncated .npy',
    setup: async () => {
      const d = await fresh('llff');
      const bytes = await fs.readFile(path.join(d, 'poses_bounds.npy'));
      await fs.writeFile(path.join(d, 'poses_bounds.npy'), bytes.subarray(0, bytes.length - 9));
      return d;
    },
    file: 'poses_bounds.npy', field: 'data', message: /truncated/,
  },
  {
    name: 'wrong .npy shape',
    setup: async () => { const d = await fresh('llff'); await fs.writeFile(path.join(d, 'poses_bounds.npy'), writeNpyFloat64([10, 15], new Array(150).fill(0))); return d; },
    file: 'poses_bounds.npy', field: 'header.shape', message: /expected shape \(N, 17\), got \(10, 15\)/,
  },
  {
    name: 'image whose size contradicts the camera',
    setup: async () => {
      const d = await fresh('nerfstudio');
      await sharp({ create: { width: 30, height: 30, channels: 3, background: '#f00' } }).jpeg().toFile(path.join(d, 'images', 'frame_000.jpg'));
      return d;
    },
    file: 'transforms.json', field: 'frames[0].w/h', message: /declared 24x18 but the image is 30x30/,
  },
  {
    name: 'depth file of the wrong size',
    setup: async () => { const d = await fresh('blender'); await fs.writeFile(path.join(d, 'train', 'r_0.depth.bin'), new Uint8Array(12)); return d; },
    file: 'train/r_0.depth.bin', field: 'data', message: /holds 12 bytes, expected 24x18 float32/,
  },
  {
    name: 'COLMAP binary model truncated',
    setup: async () => {
      const d = path.join(root, `case-${n++}`);
      await fs.mkdir(path.join(d, 'sparse', '0'), { recursive: true });
      await fs.writeFile(path.join(d, 'sparse', '0', 'cameras.bin'), new Uint8Array(4));
      await fs.writeFile(path.join(d, 'sparse', '0', 'images.bin'), new Uint8Array(8));
      return d;
    },
    file: 'sparse/0/cameras.bin', field: 'num_cameras', message: /file is truncated/,
  },
  {
    name: 'folder without a capture',
    setup: async () => { const d = path.join(root, `case-${n++}`); await fs.mkdir(d); await fs.writeFile(path.join(d, 'notes.txt'), 'hi'); return d; },
    file: '.', field: 'format', message: /no capture found/,
  },
];

describe('malformed captures fail with clear errors', () => {
  it('has at least ten distinct cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const c of cases) {
    it(c.name, async () => {
      const err = await captureError(await c.setup());
      const match = (v: string, p: string | RegExp) => (typeof p === 'string' ? expect(v).toBe(p) : expect(v).toMatch(p));
      match(err.file, c.file);
      match(err.field, c.field);
      expect(err.message).toMatch(c.message);
      // The message itself names the file and the field.
      expect(err.message.startsWith(`${err.file} [${err.field}]: `)).toBe(true);
    });
  }
});

describe('folder confinement and image limits', () => {
  it('checks the header size before decoding any pixel', async () => {
    const d = await tempDir('parallax-huge-');
    // A real 4x4 PNG whose IHDR claims 60000 x 60000 (CRC fixed): decoding would fail,
    // the size check must come first.
    const png = Buffer.from(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0f0' } }).png().toBuffer());
    png.writeUInt32BE(60000, 16);
    png.writeUInt32BE(60000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await fs.writeFile(path.join(d, 'huge.png'), png);
    const files = await createFolderCaptureFiles(d);
    await expect(files.decodeImage('huge.png')).rejects.toThrow(/huge\.png \[width\]: image is 60000x60000/);
    const strict = await createFolderCaptureFiles(d, { maxImagePixels: 10 });
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0f0' } }).png().toFile(path.join(d, 'small.png'));
    await expect(strict.decodeImage('small.png')).rejects.toThrow(/small\.png \[pixels\]: .* above the limit/);
    await fs.rm(d, { recursive: true, force: true });
  });

  it('refuses paths outside the root in every method', async () => {
    const d = await tempDir('parallax-root-');
    const files = await createFolderCaptureFiles(d);
    await expect(files.readText('../etc/passwd')).rejects.toThrow(/escapes the capture folder/);
    await expect(files.exists('/etc/passwd')).rejects.toThrow(/absolute/);
    await expect(files.list('..')).rejects.toThrow(/escapes/);
    await fs.symlink('/etc', path.join(d, 'etc'));
    await expect(files.readText('etc/hostname')).rejects.toThrow(/symbolic link/);
    await expect(files.list('etc')).rejects.toThrow(/symbolic link/);
    await fs.rm(d, { recursive: true, force: true });
  });

  it('decodes 16-bit and greyscale PNGs to 8-bit RGBA', async () => {
    const d = await tempDir('parallax-decode-');
    await sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 255, g: 128, b: 0 } } }).png().toColourspace('rgb16').toFile(path.join(d, 'deep.png'));
    await sharp({ create: { width: 3, height: 2, channels: 3, background: '#808080' } }).greyscale().png().toFile(path.join(d, 'grey.png'));
    const files = await createFolderCaptureFiles(d);
    const deep = await files.decodeImage('deep.png');
    expect(Array.from(deep.rgba.slice(0, 4))).toEqual([255, 128, 0, 255]);
    const grey = await files.decodeImage('grey.png');
    expect(Array.from(grey.rgba.slice(0, 4))).toEqual([128, 128, 128, 255]);
    await fs.rm(d, { recursive: true, force: true });
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureNormalization } from '../../../engine/data';
import { checkFitCapture } from './fit-checks';
import { readCameraFile, sceneNormalization } from './render-cameras';

const IDENTITY: CaptureNormalization = { method: 'none', center: [0, 0, 0], scale: 1, rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] };
// x_norm = 0.5 * (x - [2, 0, 0]), no rotation.
const HALVE: CaptureNormalization = { method: 'cameras', center: [2, 0, 0], scale: 0.5, rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1], transform: [0.5, 0, 0, -1, 0, 0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 1] };
const pose = (x: number) => [[1, 0, 0, x], [0, 1, 0, 0], [0, 0, 1, 4], [0, 0, 0, 1]];
let base = '';

describe('readCameraFile (render --cameras)', () => {
  beforeAll(async () => { base = await mkdtemp(join(tmpdir(), 'px-cams-')); });
  afterAll(async () => { await rm(base, { recursive: true, force: true }); });

  it('reads per-frame and global intrinsics without the images, maps poses with the given normalisation, names PNGs after the images', async () => {
    const file = join(base, 'anywhere', 'held-out.json');
    await mkdir(join(base, 'anywhere'));
    await writeFile(file, JSON.stringify({
      camera_model: 'OPENCV', fl_x: 100, fl_y: 100, cx: 40, cy: 30, w: 80, h: 60,
      frames: [
        { file_path: '../../elsewhere/images/IMG_0001.JPG', transform_matrix: pose(2) },
        { file_path: 'images\\frame_7.jpeg', fl_x: 50, fl_y: 55, cx: 20, cy: 15, w: 40, h: 30, transform_matrix: pose(4) },
      ],
    }));
    const shots = await readCameraFile(file, HALVE);
    expect(shots.map((s) => s.name)).toEqual(['IMG_0001.png', 'frame_7.png']);
    expect(shots[0].k).toEqual({ width: 80, height: 60, fx: 100, fy: 100, cx: 40, cy: 30 });
    expect(shots[1].k).toEqual({ width: 40, height: 30, fx: 50, fy: 55, cx: 20, cy: 15 });
    // Camera centres (2,0,4) and (4,0,4) in file units -> 0.5 * (p - (2,0,0)).
    expect([shots[0].c2w[3], shots[0].c2w[7], shots[0].c2w[11]]).toEqual([0, 0, 2]);
    expect([shots[1].c2w[3], shots[1].c2w[7], shots[1].c2w[11]]).toEqual([1, 0, 2]);
    expect(shots[1].c2w[0]).toBe(1); // rotations stay rotations (no scale)
  });

  it('Blender files: camera_angle_x with the size from the image when no w/h is given; a clear error when there is neither', async () => {
    const dir = join(base, 'blender');
    await mkdir(join(dir, 'test'), { recursive: true });
    await sharp({ create: { width: 20, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toFile(join(dir, 'test', 'r_0.png'));
    const file = join(dir, 'transforms_test.json');
    const angle = 2 * Math.atan(0.5);
    await writeFile(file, JSON.stringify({ camera_angle_x: angle, frames: [{ file_path: './test/r_0', transform_matrix: pose(0) }] }));
    const [shot] = await readCameraFile(file, IDENTITY);
    expect(shot.name).toBe('r_0.png');
    expect(shot.k.width).toBe(20);
    expect(shot.k.height).toBe(10);
    expect(shot.k.fx).toBeCloseTo(20, 9); // 0.5 * w / tan(angle / 2)
    await writeFile(file, JSON.stringify({ camera_angle_x: angle, frames: [{ file_path: './test/r_9', transform_matrix: pose(0) }] }));
    await expect(readCameraFile(file, IDENTITY)).rejects.toThrow(/transforms_test\.json \[frames\[0\]\.w\]: no image size: give w and h/);
  });

  it('refuses bad files naming the field, and two frames that would write the same PNG', async () => {
    const file = join(base, 'bad.json');
    await writeFile(file, JSON.stringify({ fl_x: 10, w: 8, h: 8, frames: [{ file_path: 'a.png', transform_matrix: [[1, 0, 0]] }] }));
    await expect(readCameraFile(file, IDENTITY)).rejects.toThrow(/bad\.json \[frames\[0\]\.transform_matrix\]/);
    await writeFile(file, JSON.stringify({ w: 8, h: 8, frames: [{ file_path: 'a.png', transform_matrix: pose(0) }] }));
    await expect(readCameraFile(file, IDENTITY)).rejects.toThrow(/no focal length/);
    await writeFile(file, JSON.stringify({ fl_x: 10, w: 8, h: 8, frames: [{ file_path: 'x/a.png', transform_matrix: pose(0) }, { file_path: 'y/a.jpg', transform_matrix: pose(1) }] }));
    await expect(readCameraFile(file, IDENTITY)).rejects.toThrow(/frames\[0\] and frames\[1\] would both render to a\.png/);
    await expect(readCameraFile(join(base, 'missing.json'), IDENTITY)).rejects.toThrow(/missing\.json \[\(file\)\]: cannot read cameras/);
  });

  it('sceneNormalization validates the stored map and explains a scene that has none', () => {
    expect(sceneNormalization({ normalization: HALVE }, 'm.json')).toEqual(HALVE);
    expect(() => sceneNormalization({}, 'm.json')).toThrow(/m\.json: field "settings\.normalization" is missing.*fit it again/);
    expect(() => sceneNormalization({ normalization: { ...HALVE, scale: -1 } }, 'm.json')).toThrow(/settings\.normalization\.scale/);
  });
});

describe('checkFitCapture', () => {
  const view = (split: 'train' | 'test') => ({ split }) as never;
  it('refuses fewer than 3 posed (training) views and unposed photos, naming the counts', () => {
    expect(() => checkFitCapture({ views: [view('train')] }, '/c')).toThrow('/c [frames]: the capture has 1 view; reconstruction needs at least 3 posed views');
    expect(() => checkFitCapture({ views: [view('train'), view('train'), view('test'), view('test')] }, '/c'))
      .toThrow(/has 4 views but only 2 views in its training split/);
    expect(() => checkFitCapture({ views: [view('train')], placeholderPoses: true }, '/p')).toThrow(/\/p \[poses\]: 1 image without camera poses.*take more photos/);
    expect(() => checkFitCapture({ views: [view('train'), view('train'), view('train')], placeholderPoses: true }, '/p')).toThrow(/3 images without camera poses.*parallax poses/);
    expect(() => checkFitCapture({ views: [view('train'), view('train'), view('train')] }, '/c')).not.toThrow();
  });
});

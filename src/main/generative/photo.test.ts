import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../engine/data/errors';
import { readPhoto } from './photo';

let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'px-photo-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('readPhoto', () => {
  it('a large photo becomes a model-sized square view of its colour', async () => {
    const file = join(dir, 'big.png');
    await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 60, b: 30 } } }).png().toFile(file);
    const view = await readPhoto(file, 64);
    expect([view.image.width, view.image.height]).toEqual([64, 64]);
    const centre = 3 * (32 * 64 + 32);
    expect(Array.from(view.image.data.slice(centre, centre + 3)).map((v) => Math.round(v * 255))).toEqual([200, 60, 30]);
  });

  it('a file that is not an image is refused naming the file and field', async () => {
    const file = join(dir, 'notes.png');
    await writeFile(file, 'not a png');
    const err = await readPhoto(file, 64).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).message).toMatch(/notes\.png \[image\]: not a readable image/);
  });
});

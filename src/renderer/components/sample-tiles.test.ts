import { describe, expect, it } from 'vitest';
import { parseSampleMessage, sampleStage, stripTiles, tileBackground } from './sample-tiles';

describe('stripTiles', () => {
  it('splits a horizontal strip of square tiles', () => {
    expect(stripTiles(256, 64, 4)).toEqual([
      { x: 0, y: 0, width: 64, height: 64 },
      { x: 64, y: 0, width: 64, height: 64 },
      { x: 128, y: 0, width: 64, height: 64 },
      { x: 192, y: 0, width: 64, height: 64 },
    ]);
  });
  it('recognises gaps between square tiles', () => {
    const tiles = stripTiles(64 * 3 + 2 * 4, 64, 3);
    expect(tiles.map((t) => t.x)).toEqual([0, 68, 136]);
    expect(tiles.every((t) => t.width === 64)).toBe(true);
  });
  it('splits a vertical strip and non-square tiles', () => {
    expect(stripTiles(64, 128, 2).map((t) => t.y)).toEqual([0, 64]);
    const wide = stripTiles(300, 40, 2);
    expect(wide).toEqual([{ x: 0, y: 0, width: 150, height: 40 }, { x: 150, y: 0, width: 150, height: 40 }]);
  });
  it('uses the whole image for one tile and nothing for bad input', () => {
    expect(stripTiles(64, 64, 1)).toEqual([{ x: 0, y: 0, width: 64, height: 64 }]);
    expect(stripTiles(0, 64, 2)).toEqual([]);
    expect(stripTiles(64, 64, 0)).toEqual([]);
    expect(stripTiles(64, 64, 1.5)).toEqual([]);
  });
});

describe('tileBackground', () => {
  it('scales the strip so one tile fills the box and positions it', () => {
    const tiles = stripTiles(256, 64, 4);
    expect(tileBackground(tiles[0], 256, 64)).toEqual({ backgroundSize: '400% 100%', backgroundPosition: '0% 0%', aspectRatio: '64 / 64' });
    expect(tileBackground(tiles[1], 256, 64).backgroundPosition).toBe('33.333% 0%');
    expect(tileBackground(tiles[3], 256, 64).backgroundPosition).toBe('100% 0%');
    expect(tileBackground(stripTiles(64, 128, 2)[1], 64, 128)).toEqual({ backgroundSize: '100% 200%', backgroundPosition: '0% 100%', aspectRatio: '64 / 64' });
  });
  it('positions a tile so its left edge lands on the box edge', () => {
    // With background-position p%, the image's left edge sits at p·(box − image); check it equals −x·scale.
    const [w, h] = [64 * 3 + 8, 64];
    const tile = stripTiles(w, h, 3)[1];
    const box = 100; // px
    const scale = box / tile.width;
    const p = Number.parseFloat(tileBackground(tile, w, h).backgroundPosition) / 100;
    expect(p * (box - w * scale)).toBeCloseTo(-tile.x * scale, 2);
  });
});

describe('sampleStage', () => {
  it('locates the current sample from the overall step', () => {
    expect(sampleStage(0, 200, 4)).toEqual({ current: 0, stepInSample: 0, stepsPerSample: 50 });
    expect(sampleStage(63, 200, 4)).toEqual({ current: 1, stepInSample: 13, stepsPerSample: 50 });
    expect(sampleStage(200, 200, 4)).toEqual({ current: 3, stepInSample: 50, stepsPerSample: 50 });
    expect(sampleStage(500, 200, 4).current).toBe(3);
  });
});

describe('parseSampleMessage', () => {
  it('reads the contract message', () => {
    expect(parseSampleMessage('sample 2/4, step 13/50')).toEqual({ current: 1, stepInSample: 13, stepsPerSample: 50 });
    expect(parseSampleMessage('Sample 1 / 2 — step 4 / 4')).toEqual({ current: 0, stepInSample: 4, stepsPerSample: 4 });
    expect(parseSampleMessage('sample 1/2, baking volume and mesh')).toEqual({ current: 0, stepInSample: 0, stepsPerSample: 0, note: 'baking volume and mesh' });
    expect(parseSampleMessage('writing scenes')).toBeNull();
    expect(parseSampleMessage(undefined)).toBeNull();
  });
});

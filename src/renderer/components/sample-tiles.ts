// Tile maths for a sample job's live preview. The engine writes one PNG strip per progress step
// with one tile per sample (src/shared contract: "a PNG strip with one tile per sample"); the
// generate screen shows each tile on its own, cropped with CSS background-size/position.
// Pure functions, unit-tested in sample-tiles.test.ts.

export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each of `count` tiles sits in a strip of `width`×`height` pixels. The strip runs along its
 * longer side (a vertical strip when taller than wide). Square tiles with gaps between them are
 * recognised (tile side = the strip's short side); otherwise the long side is split evenly.
 */
export function stripTiles(width: number, height: number, count: number): TileRect[] {
  if (!(width > 0) || !(height > 0) || !Number.isInteger(count) || count < 1) return [];
  if (count === 1) return [{ x: 0, y: 0, width, height }];
  const horizontal = width >= height;
  const long = horizontal ? width : height;
  const short = horizontal ? height : width;
  const squareFits = short * count <= long && (long - short * count) / (count - 1) <= short;
  const tile = squareFits ? short : long / count;
  const gap = squareFits ? (long - short * count) / (count - 1) : 0;
  const tiles: TileRect[] = [];
  for (let i = 0; i < count; i++) {
    const offset = i * (tile + gap);
    tiles.push(horizontal
      ? { x: offset, y: 0, width: tile, height }
      : { x: 0, y: offset, width, height: tile });
  }
  return tiles;
}

export interface TileBackground {
  backgroundSize: string;
  backgroundPosition: string;
  /** CSS aspect-ratio of the tile ("64 / 64"). */
  aspectRatio: string;
}

/**
 * CSS that shows exactly `tile` of a `width`×`height` image as the background of a box with the
 * tile's aspect ratio: the image is scaled so the tile fills the box, and the percentage position
 * p satisfies p·(box − image) = −offset, i.e. p = offset / (image − tile).
 */
export function tileBackground(tile: TileRect, width: number, height: number): TileBackground {
  const sizeX = (width / tile.width) * 100;
  const sizeY = (height / tile.height) * 100;
  const posX = width === tile.width ? 0 : (tile.x / (width - tile.width)) * 100;
  const posY = height === tile.height ? 0 : (tile.y / (height - tile.height)) * 100;
  return {
    backgroundSize: `${fmt(sizeX)}% ${fmt(sizeY)}%`,
    backgroundPosition: `${fmt(posX)}% ${fmt(posY)}%`,
    aspectRatio: `${fmt(tile.width)} / ${fmt(tile.height)}`,
  };
}

/**
 * Which sample is being denoised and how far, from the job's overall step (steps count DDIM
 * steps over all samples, one sample after another). Samples before `current` are done.
 */
export function sampleStage(step: number, total: number, samples: number): SampleStage {
  const n = Math.max(1, samples);
  const per = Math.max(1, Math.round(total / n));
  const s = Math.max(0, Math.min(step, per * n));
  if (s >= per * n) return { current: n - 1, stepInSample: per, stepsPerSample: per };
  return { current: Math.floor(s / per), stepInSample: s % per, stepsPerSample: per };
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

export interface SampleStage {
  /** 0-based index of the sample being worked on. */
  current: number;
  stepInSample: number;
  stepsPerSample: number;
  /** What happens to the current sample when it is not a DDIM step (e.g. "baking volume and mesh"). */
  note?: string;
}

/**
 * Reads the contract's progress message: "sample 2/4, step 13/50" (a DDIM step) or
 * "sample 2/4, baking volume and mesh" (another stage of that sample). null when it names no sample.
 */
export function parseSampleMessage(message: string | undefined): SampleStage | null {
  const text = message ?? '';
  const m = /sample\s+(\d+)\s*\/\s*(\d+)\D+step\s+(\d+)\s*\/\s*(\d+)/i.exec(text);
  if (m) return { current: Math.max(0, Number(m[1]) - 1), stepInSample: Number(m[3]), stepsPerSample: Number(m[4]) };
  const other = /sample\s+(\d+)\s*\/\s*(\d+)\s*[,:;·-]?\s*(.*)$/i.exec(text);
  if (!other) return null;
  return { current: Math.max(0, Number(other[1]) - 1), stepInSample: 0, stepsPerSample: 0, note: other[3].trim() || undefined };
}

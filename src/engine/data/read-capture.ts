// readCapture: detect the format, parse the metadata, decode/validate/downscale the images,
// normalise the scene, and assemble the in-memory Capture.
//
// 1. Parse the metadata (formats/*) into frames with poses in file units.
// 2. Assign splits for formats that have none (every `holdoutEvery`-th view -> 'test').
// 3. Decode the frames of the requested splits (composited on `background`, box-downscaled
//    to `maxSide`, intrinsics rescaled).
// 4. Normalise with ALL frames (so loading only 'train' gives the same world as loading
//    everything), transform poses and depths, and estimate aabb / near / far.
import { readRawCapture } from './detect';
import type { CaptureFormat } from './detect';
import { CaptureError } from './errors';
import type { CaptureFiles } from './files';
import type { Intrinsics } from '../camera';
import { IMAGE_LIMITS_DEFAULTS, loadFrames } from './load-images';
import type { ImageLimits } from './load-images';
import { applyNormalizationToPoint, applyNormalizationToPose, NORMALIZE_DEFAULTS, normalizeScene } from './normalize';
import type { NormalizeOptions } from './normalize';
import type { Capture, CaptureNormalization, CaptureView, Split } from './types';

/** Sparse points mapped by the same similarity as the cameras (x_norm = s R (x - c)). */
function normalizePoints(p: { xyz: Float32Array; rgb: Uint8Array }, n: CaptureNormalization): { xyz: Float32Array; rgb: Uint8Array } {
  const xyz = new Float32Array(p.xyz.length);
  for (let i = 0; i < p.xyz.length; i += 3) {
    xyz.set(applyNormalizationToPoint([p.xyz[i], p.xyz[i + 1], p.xyz[i + 2]], n), i);
  }
  return { xyz, rgb: p.rgb.slice() };
}

export interface ReadCaptureOptions extends ImageLimits {
  format: CaptureFormat | 'auto';
  /** Colour composited under transparent pixels, RGB in [0,1]. */
  background: [number, number, number];
  /** Downscale so the longer image side is at most this (box filter); 0 keeps the size. */
  maxSide: number;
  /** Splits to load. */
  splits: Split[];
  /** For formats without splits: views 0, n, 2n, ... become 'test' (when there are more than n views); 0 = none. */
  holdoutEvery: number;
  /**
   * 'auto': from the capture's bounds when it has them (LLFF, Instant-NGP), else from the
   * cameras; captures written by Parallax (Blender + scene_bounds) are read as they are.
   */
  normalize: NormalizeOptions['mode'];
  orient: NormalizeOptions['orient'];
  radiusRange: [number, number];
  /** Images decoded at once. */
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export const READ_CAPTURE_DEFAULTS: ReadCaptureOptions = {
  format: 'auto',
  background: [1, 1, 1],
  maxSide: 1024,
  splits: ['train', 'val', 'test'],
  holdoutEvery: 8,
  normalize: NORMALIZE_DEFAULTS.mode,
  orient: NORMALIZE_DEFAULTS.orient,
  radiusRange: NORMALIZE_DEFAULTS.radiusRange,
  concurrency: 4,
  ...IMAGE_LIMITS_DEFAULTS,
};

function checkOptions(o: ReadCaptureOptions): void {
  const bad = (field: string, v: unknown) => new CaptureError(`invalid option value ${JSON.stringify(v)}`, '(options)', field);
  if (!Array.isArray(o.background) || o.background.length !== 3 || o.background.some((v) => !(v >= 0 && v <= 1))) throw bad('background', o.background);
  if (!(o.maxSide >= 0) || !Number.isInteger(o.maxSide)) throw bad('maxSide', o.maxSide);
  if (!(o.holdoutEvery >= 0) || !Number.isInteger(o.holdoutEvery)) throw bad('holdoutEvery', o.holdoutEvery);
  if (!Array.isArray(o.splits) || o.splits.length === 0 || o.splits.some((s) => !['train', 'val', 'test'].includes(s))) throw bad('splits', o.splits);
}

export async function readCapture(files: CaptureFiles, options: Partial<ReadCaptureOptions> = {}): Promise<Capture> {
  const opt: ReadCaptureOptions = { ...READ_CAPTURE_DEFAULTS, ...options };
  checkOptions(opt);
  const raw = await readRawCapture(files, opt.format);

  // 2. Splits.
  if (!raw.splitsGiven && opt.holdoutEvery > 0 && raw.frames.length > opt.holdoutEvery) {
    raw.frames.forEach((f, i) => { f.split = i % opt.holdoutEvery === 0 ? 'test' : 'train'; });
  }
  const selected = raw.frames.map((f, i) => ({ f, i })).filter(({ f }) => opt.splits.includes(f.split));
  if (selected.length === 0) {
    throw new CaptureError(`no views in the requested splits (${opt.splits.join(', ')}) out of ${raw.frames.length}`, raw.frames[0].source.file, 'splits');
  }

  // 3. Images.
  const loaded = await loadFrames(files, selected.map((s) => s.f), opt.background, opt.maxSide, opt, opt.concurrency, opt.onProgress);

  // 4. Normalisation over all frames; frames not loaded use the first loaded image's size.
  const ref = loaded[0].sourceSize;
  const byIndex = new Map<number, number>(selected.map((s, j) => [s.i, j]));
  const cameras = raw.frames.map((f, i) => {
    const j = byIndex.get(i);
    let intrinsics: Intrinsics;
    if (j !== undefined) intrinsics = loaded[j].intrinsics;
    else {
      try { intrinsics = f.intrinsicsFor(ref.width, ref.height); } catch { intrinsics = loaded[0].intrinsics; }
    }
    return { c2w: f.c2w, intrinsics };
  });
  if (raw.placeholderPoses || (raw.normalized && opt.normalize === 'auto')) {
    opt.normalize = 'none';
  }
  const norm = normalizeScene(cameras, raw.bounds, { mode: opt.normalize, orient: opt.orient, radiusRange: opt.radiusRange });
  if (raw.appliedTransform) norm.normalization.appliedTransform = raw.appliedTransform;
  const views: CaptureView[] = selected.map(({ f }, j) => {
    const l = loaded[j];
    const view: CaptureView = {
      file: l.file, split: f.split, intrinsics: l.intrinsics,
      c2w: applyNormalizationToPose(f.c2w, norm.normalization), image: l.image,
    };
    if (l.alpha) view.alpha = l.alpha;
    if (l.depth) view.depth = l.depth.map((d) => d * norm.normalization.scale);
    return view;
  });
  const capture: Capture = {
    format: raw.format, views, background: [...opt.background] as [number, number, number],
    aabb: norm.aabb, near: norm.near, far: norm.far, warnings: raw.warnings, normalization: norm.normalization,
  };
  if (raw.sparsePoints) capture.sparsePoints = normalizePoints(raw.sparsePoints, norm.normalization);
  if (raw.placeholderPoses) {
    capture.placeholderPoses = true;
    capture.near = 0.5;
    capture.far = 5;
  }
  return capture;
}

// estimatePoses: camera poses for unposed photos or a video, with COLMAP (CPU SIFT), written
// as a capture folder (transforms.json + undistorted images + sparse points).
// 1. Inputs: a folder of photos, a .zip of photos (extracted safely), or a video (the N
//    sharpest frames spread over it: video-frames.ts).
// 2. Images: decode, orient, downscale to maxSize; unreadable files are skipped and named.
// 3. COLMAP: feature_extractor, exhaustive/sequential matcher, mapper (the largest model is
//    kept), model_analyzer (mean reprojection error), image_undistorter (pinhole images).
// 4. Writing: staged in a hidden sibling of outDir and renamed into place (write-capture.ts).
// Work and stage folders are removed at the end, whether it succeeded, failed or was cancelled
// (COLMAP's log tail is in the error message when a stage fails); those of a run that was killed
// are removed by the next run to the same output (workspace/run-folders.ts).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { extractZip } from '../capture-io/zip-extract';
import { removeDeadRunFolders } from '../workspace/run-folders';
import { findTool, ToolCancelledError } from '../external-tools';
import { etaSeconds } from './colmap-log';
import { analyzeModel, colmapVersion, extractFeatures, mapSparse, matchFeatures, modelsBySize, undistort } from './colmap-stages';
import type { ColmapContext } from './colmap-stages';
import { listSourceFiles, prepareImages } from './prepare-images';
import { ESTIMATE_POSES_DEFAULTS, PosesError } from './types';
import type { EstimatePosesOptions, PosesProgress, PosesResult } from './types';
import { extractVideoFrames } from './video-frames';
import { commitCapture, stageCapture } from './write-capture';

type Stage = PosesProgress['stage'];
const MIN_IMAGES = 3;

function checkOptions(o: EstimatePosesOptions): Required<Pick<EstimatePosesOptions, 'matcher' | 'maxSize' | 'frames'>> {
  const matcher = o.matcher ?? ESTIMATE_POSES_DEFAULTS.matcher;
  const maxSize = o.maxSize ?? ESTIMATE_POSES_DEFAULTS.maxSize;
  const frames = o.frames ?? ESTIMATE_POSES_DEFAULTS.frames;
  if (!['auto', 'exhaustive', 'sequential'].includes(matcher)) throw new PosesError(`matcher must be auto, exhaustive or sequential, got ${JSON.stringify(matcher)}`);
  if (!(Number.isInteger(maxSize) && maxSize >= 64 && maxSize <= 16384)) throw new PosesError(`maxSize must be an integer from 64 to 16384, got ${JSON.stringify(maxSize)}`);
  if (!(Number.isInteger(frames) && frames >= MIN_IMAGES && frames <= 2000)) throw new PosesError(`frames must be an integer from ${MIN_IMAGES} to 2000, got ${JSON.stringify(frames)}`);
  if (!o.outDir) throw new PosesError('outDir is required');
  return { matcher, maxSize, frames };
}

async function checkOutDir(outDir: string): Promise<void> {
  const entries = await fs.readdir(outDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    if (e.code === 'ENOTDIR') throw new PosesError(`${outDir}: exists and is not a folder`);
    throw e;
  });
  if (entries.length) throw new PosesError(`${outDir}: the output folder is not empty (${entries.length} entries); choose a new folder`);
}

/** Progress reporter with a per-stage ETA from the stage's own rate. */
function reporter(onProgress: EstimatePosesOptions['onProgress']) {
  let stage: Stage | null = null;
  let started = Date.now();
  return (s: Stage, done: number, total: number, message: string) => {
    if (s !== stage) { stage = s; started = Date.now(); }
    onProgress?.({ stage: s, done, total, message, etaSeconds: etaSeconds(done, total, (Date.now() - started) / 1000) });
  };
}

export async function estimatePoses(o: EstimatePosesOptions): Promise<PosesResult> {
  const t0 = Date.now();
  const opt = checkOptions(o);
  const source = path.resolve(o.source);
  const outDir = path.resolve(o.outDir);
  const st = await fs.stat(source).catch(() => null);
  if (!st) throw new PosesError(`${o.source}: not found (expected a folder of photos, a .zip of photos or a video file)`);
  const kind = st.isDirectory() ? 'folder' : /\.zip$/i.test(source) ? 'zip' : 'video';
  if (kind === 'video' && /\.(jpe?g|png|webp|tiff?|heic)$/i.test(source)) {
    throw new PosesError(`${o.source}: a single photo cannot be posed; give a folder (or .zip) of at least ${MIN_IMAGES} overlapping photos`);
  }
  await checkOutDir(outDir);
  const colmap = await findTool('colmap');
  const ffmpeg = kind === 'video' ? await findTool('ffmpeg') : '';
  const report = reporter(o.onProgress);
  const warnings: string[] = [];

  await fs.mkdir(path.dirname(outDir), { recursive: true });
  for (const kind of ['partial', 'poses-work']) {
    for (const stale of await removeDeadRunFolders(path.dirname(outDir), `.${path.basename(outDir)}.${kind}-`)) {
      warnings.push(`removed ${stale}, left by an interrupted pose run`);
    }
  }
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  // A fresh folder per run (inside workDir when given), so no COLMAP database of an earlier run is reused.
  const workDir = o.workDir ? path.join(path.resolve(o.workDir), `poses-${tag}`) : path.join(path.dirname(outDir), `.${path.basename(outDir)}.poses-work-${tag}`);
  const stageDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.partial-${tag}`);
  await fs.mkdir(workDir, { recursive: true });
  try {
    // 1. Inputs.
    let sourceDir = source;
    let files: string[];
    let isVideo = false;
    if (kind === 'folder') files = await listSourceFiles(source);
    else if (kind === 'zip') {
      sourceDir = path.join(workDir, 'unzipped');
      files = (await extractZip(source, sourceDir)).files.sort();
    } else {
      isVideo = true;
      const v = await extractVideoFrames(ffmpeg, source, path.join(workDir, 'frames'), opt.frames, opt.maxSize,
        (d, t, m) => report('frames', d, t, m), o.signal);
      sourceDir = v.dir;
      files = v.files;
      if (v.files.length < opt.frames) warnings.push(`${o.source}: the video gave ${v.files.length} frames, fewer than the ${opt.frames} asked for`);
    }

    // 2. Images.
    const imageDir = path.join(workDir, 'images');
    const prep = await prepareImages(sourceDir, files, imageDir, opt.maxSize, (d, t, f) => report('images', d, t, `checked ${f}`), o.signal);
    for (const s of prep.skipped) warnings.push(`skipped ${s.file}: ${s.reason}`);
    if (prep.images.length < MIN_IMAGES) {
      const skipped = prep.skipped.length ? `; skipped: ${prep.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}` : '';
      throw new PosesError(`${o.source}: ${prep.images.length} usable image${prep.images.length === 1 ? '' : 's'}, at least ${MIN_IMAGES} are needed${skipped}`);
    }
    const sizes = new Set(prep.images.map((im) => `${im.width}x${im.height}`));
    const n = prep.images.length;
    const matcher = opt.matcher !== 'auto' ? opt.matcher : !isVideo && n <= ESTIMATE_POSES_DEFAULTS.exhaustiveUpTo ? 'exhaustive' : 'sequential';
    if (opt.matcher === 'auto' && matcher === 'sequential' && !isVideo) {
      warnings.push(`${n} photos are matched sequentially (file-name order is taken as capture order); use --matcher exhaustive for an unordered set`);
    }

    // 3. COLMAP.
    const ctx: ColmapContext = { colmap, workDir, signal: o.signal, threads: ESTIMATE_POSES_DEFAULTS.threads };
    // Each stage announces itself before its first count, so its time (and ETA) starts there.
    report('features', 0, n, 'extracting SIFT features');
    await extractFeatures(ctx, imageDir, {
      // One camera when every image has the same size (a video, one phone); else one per image.
      singleCamera: sizes.size === 1, cameraModel: 'SIMPLE_RADIAL', maxFeatures: ESTIMATE_POSES_DEFAULTS.maxFeatures, maxSize: opt.maxSize,
    }, (c) => report('features', c.done, c.total, `features in image ${c.done}/${c.total}`));
    report('matching', 0, 0, `${matcher} matching`);
    await matchFeatures(ctx, matcher, ESTIMATE_POSES_DEFAULTS.sequentialOverlap,
      (c) => report('matching', c.done, c.total, `${matcher} matching ${c.done}/${c.total} ${matcher === 'exhaustive' ? 'blocks' : 'images'}`));
    report('mapping', 0, n, 'mapping');
    let sparse: string;
    const noModel = () => new PosesError(
      `${o.source}: no camera poses found: the ${n} images could not be registered (they do not match each other, `
      + 'lack texture, or all show the same view); suggest more overlap: take photos 10-20 degrees apart, moving around the object',
    );
    try {
      sparse = await mapSparse(ctx, imageDir, (k) => report('mapping', k, n, `registered ${k}/${n} images`));
    } catch (e) {
      if (e instanceof Error && /failed to create sparse model/i.test(e.message)) throw noModel();
      throw e;
    }
    const models = await modelsBySize(sparse);
    if (models.length === 0 || models[0].names.length < MIN_IMAGES) throw noModel();
    const best = models[0];
    if (models.length > 1) warnings.push(`COLMAP built ${models.length} separate models; kept the largest (${best.names.length} images)`);
    const registeredSet = new Set(best.names);
    const registered = prep.images.filter((im) => registeredSet.has(im.name)).map((im) => im.source);
    const unregistered = prep.images.filter((im) => !registeredSet.has(im.name)).map((im) => im.source);
    if (unregistered.length) warnings.push(`${unregistered.length} of ${n} images not registered: ${unregistered.join(', ')}`);
    report('mapping', registered.length, n, `registered ${registered.length}/${n} images`);
    const meanErr = await analyzeModel(ctx, best.dir);
    report('undistort', 0, registered.length, 'undistorting to pinhole images');
    const undistorted = await undistort(ctx, imageDir, best.dir, opt.maxSize,
      (c) => report('undistort', c.done, c.total, `undistorted ${c.done}/${c.total} images`));

    // 4. Writing.
    const version = await colmapVersion(ctx);
    const written = await stageCapture(undistorted, stageDir, {
      tool: 'colmap', version, matcher, source: path.basename(source), registered, unregistered, skipped: prep.skipped,
      mean_reprojection_error: meanErr, created: new Date().toISOString(),
    }, (d, t) => report('writing', d, t, `writing capture ${d}/${t}`));
    if (o.signal?.aborted) throw new ToolCancelledError('pose estimation');
    await commitCapture(stageDir, outDir);
    return {
      outDir, registered, unregistered, skipped: prep.skipped, meanReprojectionError: meanErr, points: written.points,
      seconds: (Date.now() - t0) / 1000, matcher, warnings,
    };
  } catch (e) {
    // However the cancel surfaced (a killed COLMAP, an aborted sharp loop), it reads the same.
    if (o.signal?.aborted) throw new ToolCancelledError('pose estimation');
    throw e;
  } finally {
    await fs.rm(stageDir, { recursive: true, force: true });
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

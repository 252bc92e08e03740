// The COLMAP stages, each a child process (see ../external-tools): feature_extractor,
// exhaustive_matcher or sequential_matcher, mapper, image_undistorter, model_analyzer.
// CPU SIFT (use_gpu 0) on `threads` threads. Each stage reports counts parsed from its log.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseColmapImagesBin } from '../../engine/data/formats/colmap-binary';
import { runTool } from '../external-tools';
import { featureCount, matchCount, meanReprojectionError, registeredCount, undistortCount } from './colmap-log';
import type { Count } from './colmap-log';

export interface ColmapContext {
  colmap: string;
  workDir: string;
  signal?: AbortSignal;
  threads: number;
}

type OnCount = (c: Count) => void;

const run = (ctx: ColmapContext, label: string, args: string[], onLine: (l: string) => void) =>
  runTool(ctx.colmap, args, { signal: ctx.signal, label: `colmap ${label}`, onLine: (l) => onLine(l), cwd: ctx.workDir });

export async function extractFeatures(
  ctx: ColmapContext, imageDir: string, o: { singleCamera: boolean; cameraModel: string; maxFeatures: number; maxSize: number }, onCount: OnCount,
): Promise<void> {
  await run(ctx, 'feature_extractor', [
    'feature_extractor', '--database_path', path.join(ctx.workDir, 'database.db'), '--image_path', imageDir,
    '--ImageReader.camera_model', o.cameraModel, '--ImageReader.single_camera', o.singleCamera ? '1' : '0',
    '--SiftExtraction.use_gpu', '0', '--SiftExtraction.num_threads', String(ctx.threads),
    '--SiftExtraction.max_num_features', String(o.maxFeatures), '--SiftExtraction.max_image_size', String(o.maxSize),
  ], (l) => { const c = featureCount(l); if (c) onCount(c); });
}

export async function matchFeatures(ctx: ColmapContext, matcher: 'exhaustive' | 'sequential', overlap: number, onCount: OnCount): Promise<void> {
  const common = ['--database_path', path.join(ctx.workDir, 'database.db'), '--SiftMatching.use_gpu', '0', '--SiftMatching.num_threads', String(ctx.threads)];
  const args = matcher === 'exhaustive'
    ? ['exhaustive_matcher', ...common]
    // quadratic_overlap also matches frames 2^k apart, which links loops in an orbit video.
    : ['sequential_matcher', ...common, '--SequentialMatching.overlap', String(overlap), '--SequentialMatching.quadratic_overlap', '1'];
  await run(ctx, `${matcher}_matcher`, args, (l) => { const c = matchCount(l); if (c) onCount(c); });
}

/** Registered image names per model folder the mapper wrote (sparse/0, sparse/1, ...). */
export async function modelsBySize(sparseDir: string): Promise<Array<{ dir: string; names: string[] }>> {
  const subs = (await fs.readdir(sparseDir).catch(() => [] as string[])).filter((d) => /^\d+$/.test(d));
  const out: Array<{ dir: string; names: string[] }> = [];
  for (const d of subs) {
    const file = path.join(sparseDir, d, 'images.bin');
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) continue;
    out.push({ dir: path.join(sparseDir, d), names: parseColmapImagesBin(new Uint8Array(bytes), file).map((im) => im.name) });
  }
  return out.sort((a, b) => b.names.length - a.names.length);
}

export async function mapSparse(ctx: ColmapContext, imageDir: string, onRegistered: (n: number) => void): Promise<string> {
  const sparse = path.join(ctx.workDir, 'sparse');
  await fs.mkdir(sparse, { recursive: true });
  let best = 0;
  await run(ctx, 'mapper', [
    'mapper', '--database_path', path.join(ctx.workDir, 'database.db'), '--image_path', imageDir, '--output_path', sparse,
    '--Mapper.num_threads', String(ctx.threads),
  ], (l) => {
    const n = registeredCount(l);
    if (n !== null) { best = Math.max(best, n); onRegistered(best); }
  });
  return sparse;
}

export async function undistort(ctx: ColmapContext, imageDir: string, modelDir: string, maxSize: number, onCount: OnCount): Promise<string> {
  const out = path.join(ctx.workDir, 'undistorted');
  await run(ctx, 'image_undistorter', [
    'image_undistorter', '--image_path', imageDir, '--input_path', modelDir, '--output_path', out,
    '--output_type', 'COLMAP', '--max_image_size', String(maxSize),
  ], (l) => { const c = undistortCount(l); if (c) onCount(c); });
  return out;
}

export async function analyzeModel(ctx: ColmapContext, modelDir: string): Promise<number> {
  let err = NaN;
  await run(ctx, 'model_analyzer', ['model_analyzer', '--path', modelDir], (l) => { const e = meanReprojectionError(l); if (e !== null) err = e; });
  return err;
}

/** "COLMAP 3.8 (Commit ...)" from `colmap help`, or 'unknown'. */
export async function colmapVersion(ctx: ColmapContext): Promise<string> {
  let v = 'unknown';
  await run(ctx, 'help', ['help'], (l) => { const m = /COLMAP\s+([\w.-]+)/.exec(l); if (m && v === 'unknown') v = m[1]; }).catch(() => undefined);
  return v;
}

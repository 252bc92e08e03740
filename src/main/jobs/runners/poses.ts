// Runner `poses`: camera poses for an unposed capture (a folder of photos or a video) with COLMAP,
// through estimatePoses (src/main/poses). Output: one NEW capture item in `<stagingDir>/capture`
// whose root `capture/` holds the undistorted images/, transforms.json and sparse_points.ply; the
// source capture is only read.
//   Cancel: the host's stop request aborts the signal given to estimatePoses, which kills COLMAP's
//   whole process group; the runner then removes what it wrote and reports 'stopped', so nothing
//   is committed. Restart: there are no checkpoints (a COLMAP run cannot be resumed midway), so a
//   resumed or interrupted job runs again from the start in a clean staging folder.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { PoseEstimate } from '../../../shared';
import { isVideoName } from '../../studio/import-video';
import { PosesParamsSchema } from './poses-params';
import type { Runner, RunnerContext } from './types';

/** How often the runner turns a stop request into an abort of the running COLMAP stage, ms. */
export const POSES_STOP_POLL_MS = 200;
const ROOT = 'capture';
const THUMBNAIL = 'thumbnail.png';

/** The first frame's image (thumbnail) and size, from the transforms.json estimatePoses wrote. */
async function firstFrame(root: string): Promise<{ file: string; width?: number; height?: number } | null> {
  const json = JSON.parse(await readFile(join(root, 'transforms.json'), 'utf8')) as { frames?: { file_path?: string; w?: number; h?: number }[]; w?: number; h?: number };
  const frame = json.frames?.[0];
  if (!frame?.file_path) return null;
  return { file: join(root, frame.file_path), width: frame.w ?? json.w, height: frame.h ?? json.h };
}

function stopSignal(ctx: RunnerContext): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setInterval(() => { if (ctx.shouldStop()) controller.abort(new Error('cancelled')); }, POSES_STOP_POLL_MS);
  return { signal: controller.signal, dispose: () => clearInterval(timer) };
}

export const run: Runner = async (ctx) => {
  const p = PosesParamsSchema.parse(ctx.params);
  const { estimatePoses } = await import('../../poses');
  const item = join(ctx.stagingDir, 'capture');
  const root = join(item, ROOT);
  const workDir = join(ctx.jobDir, 'colmap');
  await rm(workDir, { recursive: true, force: true }); // a previous, interrupted run's files
  await mkdir(item, { recursive: true });
  const video = isVideoName(p.source);
  const stop = stopSignal(ctx);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, stage: video ? 'frames' : 'images', message: 'starting COLMAP' });
  let result;
  try {
    result = await estimatePoses({
      source: p.source, outDir: root, matcher: p.matcher, maxSize: p.maxSize, ...(video ? { frames: p.frames } : {}),
      signal: stop.signal, workDir,
      onProgress: (pp) => ctx.progress({
        step: pp.done, total: Math.max(1, pp.total), losses: {}, etaSeconds: pp.etaSeconds, stage: pp.stage, message: pp.message,
      }),
    });
  } catch (err) {
    await rm(item, { recursive: true, force: true });
    if (stop.signal.aborted) return { status: 'stopped' };
    throw err;
  } finally {
    stop.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
  if (stop.signal.aborted) {
    await rm(item, { recursive: true, force: true });
    return { status: 'stopped' };
  }
  ctx.progress({ step: 1, total: 1, losses: {}, etaSeconds: 0, stage: 'writing', message: 'making the thumbnail' });
  const first = await firstFrame(root);
  let thumbnail: string | undefined;
  if (first) {
    await sharp(first.file).resize({ width: 256, height: 256, fit: 'inside' }).png().toFile(join(item, THUMBNAIL));
    thumbnail = THUMBNAIL;
  }
  const poses: PoseEstimate = {
    sourceCaptureId: p.sourceId,
    imageCount: result.registered.length + result.unregistered.length,
    registered: result.registered.length,
    unregistered: result.unregistered,
    skipped: result.skipped,
    meanReprojectionError: result.meanReprojectionError,
    points: result.points,
    matcher: result.matcher,
    seconds: result.seconds,
  };
  return {
    status: 'succeeded',
    summary: { registered: poses.registered, images: poses.imageCount, points: poses.points, meanReprojectionError: poses.meanReprojectionError, seconds: poses.seconds },
    outputs: [{
      kind: 'capture', name: p.captureName, dir: 'capture',
      fields: {
        format: 'nerfstudio', root: ROOT, imageCount: poses.registered,
        ...(first?.width && first.height ? { width: first.width, height: first.height } : {}),
        source: `camera poses of capture ${p.sourceId} (COLMAP, ${result.matcher} matcher)`,
        warnings: result.warnings, poses, ...(thumbnail ? { thumbnail } : {}),
      },
    }],
  };
};

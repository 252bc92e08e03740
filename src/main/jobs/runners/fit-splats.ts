// The `fit` runner's splat method (params.method "splats"): 3D Gaussian splatting of a capture
// folder into a splat scene folder: splats.ply (the 3DGS reference layout, values before
// activation; the file the viewer and the splat exports read), preview.png of a held-out view
// and held-out PSNR / SSIM in the metrics; settings.method "splats".
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture, CaptureView } from '../../../engine/data/types';
import type { KernelPool } from '../../../engine/parallel';
import { SPLATS_FILE } from '../../splats/splat-scene-folder';
import type { FitParamsSchema } from './fit-params';
import type { RunnerContext, RunnerResult } from './types';
import type { z } from 'zod';

export const SPLAT_FIT_CHECKPOINT_EVERY = 250;

export async function runSplatFit(
  ctx: RunnerContext, p: z.output<typeof FitParamsSchema>, capture: Capture, pool: KernelPool | undefined, threads: number,
  views: { evalViews: CaptureView[]; previewView: CaptureView }, rig: unknown, trainingMinutes: number,
): Promise<RunnerResult> {
  const [{ writePng }, splats, io, metricsLib] = await Promise.all([
    import('../../capture-io'), import('../../../engine/splats'), import('../../../engine/splats/io'), import('../../../engine/metrics'),
  ]);
  const started = Date.now();
  const fit = await splats.fitSplats(capture, { minutes: trainingMinutes, seed: p.seed, pool, ...(p.iterations ? { iterations: p.iterations } : {}) }, {
    onProgress: (fp) => ctx.progress({ step: fp.step, total: fp.total, losses: fp.losses, etaSeconds: fp.etaSeconds }, fp.preview),
    shouldStop: ctx.shouldStop,
    checkpointEverySteps: SPLAT_FIT_CHECKPOINT_EVERY,
    onCheckpoint: (state: Uint8Array, step: number) => ctx.checkpoint(state, step),
    resumeFrom: ctx.resumeFrom?.bytes,
  });
  if (ctx.shouldStop()) return { status: 'stopped' };
  const fitSeconds = (Date.now() - started) / 1000;
  const out = join(ctx.stagingDir, 'scene');
  await mkdir(out, { recursive: true });
  ctx.progress({ step: 1, total: 1, losses: {}, etaSeconds: null, message: 'saving splats' });
  const bytes = io.encodeSplatPly(fit.scene);
  // Checked before the scene is reported done: the file decodes back to the same count.
  const back = io.decodeSplatPly(bytes, join(out, SPLATS_FILE));
  if (back.count !== fit.scene.count) throw new Error(`${join(out, SPLATS_FILE)}: re-read ${back.count} Gaussians, wrote ${fit.scene.count}`);
  await writeFile(join(out, SPLATS_FILE), bytes);
  const metrics: Record<string, number> = { fitSeconds, gaussians: fit.scene.count, iterations: fit.info.iterations, steps: fit.info.steps };
  if (views.evalViews.length) {
    let ps = 0, ss = 0;
    for (const v of views.evalViews) {
      const img = splats.renderSplats(fit.scene, v.intrinsics, v.c2w);
      ps += metricsLib.psnr(img, v.image); ss += metricsLib.ssim(img, v.image);
    }
    metrics.psnr = ps / views.evalViews.length; metrics.ssim = ss / views.evalViews.length;
  }
  const pv = views.previewView;
  await writePng(join(out, 'preview.png'), splats.renderSplats(fit.scene, pv.intrinsics, pv.c2w));
  const settings = {
    method: 'splats', minutes: p.minutes, trainingMinutes, seed: p.seed, threads: fit.info.threads ?? threads, steps: fit.info.steps,
    // An auto fit's iteration count was planned from the budget: its last plan and the re-plans,
    // so the run can be repeated with `--iterations <iterations>` (a fixed, deterministic schedule).
    iterations: fit.info.iterations, iterationsMode: fit.info.iterationsMode, iterationPlans: fit.info.plans, stopReason: fit.info.stopReason, gaussians: fit.scene.count, shDegree: fit.scene.shDegree,
    backend: ctx.backend, captureFormat: capture.format, views: capture.views.length, background: capture.background,
    aabb: capture.aabb, rig,
    // The capture's file-to-world map: `render --cameras` places other cameras with it.
    normalization: capture.normalization,
  };
  return {
    status: 'succeeded',
    summary: metrics,
    outputs: [{
      kind: 'scene', name: p.sceneName, dir: 'scene',
      fields: { origin: 'reconstruction', sourceId: p.sourceId, files: { preview: 'preview.png' }, thumbnail: 'preview.png', metrics, settings },
    }],
  };
}

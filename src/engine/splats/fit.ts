// fitSplats: the 3DGS training loop with the same job-facing hooks as the voxel field's
// fitScene (recon/fit.ts): progress with loss/PSNR and ETA, previews, cancel, checkpoints as
// bytes with bit-exact resume, and a wall-clock budget that ends the fit early (stopReason
// 'time'). Iterations: an explicit count fixes the schedule up front, so the fit is
// deterministic given the seed; 'auto' (the default) plans the count from the time budget and
// re-plans as the step rate changes (planner.ts), so the scaled schedule (schedule.ts) ends at
// ~97 % of the budget. An auto fit's budget counts the time spent before a checkpoint, so a
// resumed fit keeps its plan and ends when the uninterrupted one would have.
import { scaleIntrinsics } from '../camera';
import type { Capture } from '../data/types';
import type { KernelPool } from '../parallel/kernel-pool';
import type { KernelPlacement } from './adaptive-runner';
import type { FitHooks, StopReason } from '../recon/types';
import { restoreSplatCheckpoint, serializeSplatCheckpoint } from './checkpoint';
import { renderSplats } from './render';
import { ITERATION_PLAN_DEFAULTS, IterationPlanner, type IterationPlanOptions, type PlanRecord } from './planner';
import { scaledSchedule, type SplatSchedule } from './schedule';
import { SPLAT_ITERATION_DEFAULTS } from '../../shared/splat-defaults';
import { SplatTrainer } from './trainer';
import type { SplatScene } from './types';

export interface SplatFitOptions {
  /** A fixed count (deterministic schedule) or 'auto': planned from `minutes` (planner.ts). */
  iterations: number | 'auto';
  /** The auto planner's settings (its maxIterations bounds the plan). */
  plan: IterationPlanOptions;
  /** Milliseconds clock of the budget and the planner (tests pass a fake one; default performance.now). */
  clock?: () => number;
  minutes: number;
  seed: number;
  /** Initial Gaussians drawn in capture.aabb when the capture has no sparse points (the reference
   * draws 100k for synthetic scenes; on 2 CPU cores fewer start faster and densify where needed). */
  randomInitCount: number;
  /** Overrides on top of scaledSchedule(iterations). */
  schedule: Partial<SplatSchedule>;
  /** Gradient chunks of the backward pass (the result depends on this, not on the threads). */
  gradChunks: number;
  pool?: KernelPool;
  /** Where kernels run (adaptive-runner.ts): the faster of pool and calling thread by default; same results. */
  placement: KernelPlacement;
  progressEverySteps: number;
  previewEverySteps: number;
  previewEverySeconds: number;
  previewMaxSide: number;
}

export const SPLAT_FIT_DEFAULTS: SplatFitOptions = {
  iterations: 'auto', plan: { ...ITERATION_PLAN_DEFAULTS, maxIterations: SPLAT_ITERATION_DEFAULTS.maxPlanned }, minutes: 10, seed: 0, randomInitCount: 5000, schedule: {}, gradChunks: 4, placement: 'adaptive',
  progressEverySteps: 25, previewEverySteps: 250, previewEverySeconds: 5, previewMaxSide: 64,
};

export interface FittedSplats {
  scene: SplatScene;
  info: {
    seed: number; steps: number; seconds: number; stopReason: StopReason; threads: number; count: number;
    /** The schedule's iteration count at the end (an auto fit's last plan). */
    iterations: number;
    iterationsMode: 'auto' | 'fixed';
    /** An auto fit's re-plans: at `step` (after `seconds`) the count became `iterations`. */
    plans: PlanRecord[];
  };
}

const YIELD_MS = 50;
const systemNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function fitSplats(capture: Capture, options: Partial<SplatFitOptions> = {}, hooks: FitHooks = {}): Promise<FittedSplats> {
  const opt: SplatFitOptions = { ...SPLAT_FIT_DEFAULTS, ...options };
  const now = opt.clock ?? systemNow;
  if (!(opt.minutes > 0)) throw new Error(`fitSplats: options.minutes has bad value ${opt.minutes}`);
  if (opt.iterations !== 'auto' && !(Number.isInteger(opt.iterations) && opt.iterations >= 1)) throw new Error(`fitSplats: options.iterations has bad value ${JSON.stringify(opt.iterations)} (expected an integer >= 1 or "auto")`);
  if (!(Number.isInteger(opt.randomInitCount) && opt.randomInitCount >= 1)) throw new Error(`fitSplats: options.randomInitCount has bad value ${opt.randomInitCount}`);
  const started = now();
  let trainer: SplatTrainer, spentBefore = 0, auto = opt.iterations === 'auto', plans: PlanRecord[] = [];
  if (hooks.resumeFrom) {
    // A resumed fit keeps the checkpoint's seed, initialisation, iteration mode, plan and overrides.
    const r = restoreSplatCheckpoint(hooks.resumeFrom, capture, opt.pool);
    r.trainer.rast.runner.placement = opt.placement;
    trainer = r.trainer; spentBefore = r.meta.elapsedSeconds; opt.seed = r.meta.seed; opt.randomInitCount = r.meta.randomInitCount;
    auto = r.meta.iterationsMode === 'auto'; plans = r.meta.plans ?? []; opt.schedule = r.meta.scheduleOverrides ?? {};
  } else {
    const iterations = opt.iterations === 'auto' ? Math.min(SPLAT_ITERATION_DEFAULTS.provisional, opt.plan.maxIterations) : opt.iterations;
    trainer = new SplatTrainer(capture, {
      schedule: scaledSchedule(iterations, opt.schedule), seed: opt.seed, randomInitCount: opt.randomInitCount,
      pool: opt.pool, gradChunks: opt.gradChunks, placement: opt.placement,
    });
  }
  const elapsed = () => spentBefore + (now() - started) / 1000;
  // An auto fit's budget includes the time before a checkpoint (its plan is for the whole fit).
  const deadline = started + (opt.minutes * 60 - (auto ? spentBefore : 0)) * 1000;
  const planner = auto ? new IterationPlanner(opt.minutes * 60, trainer.step, spentBefore, plans, opt.plan) : null;
  const previewView = capture.views.find((v) => v.split === 'test') ?? capture.views.find((v) => v.split === 'val') ?? capture.views[0];
  const checkpoint = async () => {
    if (hooks.onCheckpoint) {
      const meta = {
        seed: opt.seed, elapsedSeconds: elapsed(), randomInitCount: opt.randomInitCount, iterationsMode: auto ? 'auto' as const : 'fixed' as const,
        plans: planner?.plans ?? [], scheduleOverrides: opt.schedule,
      };
      await hooks.onCheckpoint(serializeSplatCheckpoint(trainer, meta, capture), trainer.step);
    }
  };
  let reason: StopReason = 'done', smoothed = -1, lastYield = now(), windowStart = now(), windowSteps = 0, lastPreview = now();
  while (!trainer.done) {
    if (hooks.shouldStop?.()) { reason = 'cancel'; break; }
    if (now() >= deadline) { reason = 'time'; break; }
    const r = await trainer.trainStep();
    smoothed = smoothed < 0 ? r.mse : 0.9 * smoothed + 0.1 * r.mse;
    windowSteps++;
    const step = trainer.step;
    if (hooks.onProgress && (step % opt.progressEverySteps === 0 || trainer.done)) {
      const t = now();
      const secPerStep = (t - windowStart) / 1000 / windowSteps;
      windowStart = t; windowSteps = 0;
      const eta = Math.min((trainer.schedule.iterations - step) * secPerStep, Math.max(0, (deadline - t) / 1000));
      const wantPreview = opt.previewEverySteps > 0 && (step % opt.previewEverySteps === 0 || trainer.done || t - lastPreview >= opt.previewEverySeconds * 1000);
      if (wantPreview) lastPreview = t;
      let preview;
      if (wantPreview && previewView) {
        const k = previewView.intrinsics, s = Math.min(1, opt.previewMaxSide / Math.max(k.width, k.height));
        const kk = scaleIntrinsics(k, Math.max(1, Math.round(k.width * s)), Math.max(1, Math.round(k.height * s)));
        preview = renderSplats(trainer.toScene(), kk, previewView.c2w, { near: trainer.cameras[0].near, shDegree: trainer.activeDegree });
      }
      hooks.onProgress({
        step, total: trainer.schedule.iterations, etaSeconds: eta, preview,
        losses: {
          loss: r.loss, l1: r.l1, ssim: r.ssim, mse: smoothed, psnr: -10 * Math.log10(Math.max(smoothed, 1e-12)),
          gaussians: trainer.store.count, shDegree: trainer.activeDegree, seconds: elapsed(),
        },
      });
    }
    // Re-plan (auto) after the progress report and before a checkpoint, which then holds the plan.
    if (planner) {
      const next = planner.afterStep(step, elapsed(), trainer.schedule.iterations);
      if (next !== null) trainer.setSchedule(scaledSchedule(next, opt.schedule));
    }
    if (hooks.checkpointEverySteps && hooks.checkpointEverySteps > 0 && step % hooks.checkpointEverySteps === 0) await checkpoint();
    if (now() - lastYield > YIELD_MS) { await yieldToEventLoop(); lastYield = now(); }
  }
  if (reason !== 'done') await checkpoint();
  const scene = trainer.toScene();
  return {
    scene,
    info: {
      seed: opt.seed, steps: trainer.step, iterations: trainer.schedule.iterations, seconds: elapsed(), stopReason: reason,
      threads: opt.pool?.threads ?? 1, count: scene.count, iterationsMode: auto ? 'auto' : 'fixed', plans: planner?.plans ?? [],
    },
  };
}

// fitScene: the training loop around Trainer with the job-facing hooks (progress, preview,
// checkpoints, resume, cancel) and the wall-clock budget.
import { scaleIntrinsics, type Intrinsics, type Mat4 } from '../camera';
import type { Capture } from '../data/types';
import { checkpointSceneType, restoreCheckpoint, serializeCheckpoint } from './checkpoint';
import { renderGridView } from './render-view';
import { finishScene } from './finish-scene';
import { EXPOSURE_DEFAULTS } from './exposure';
import { planScene } from './scene-plan';
import { trainerToScene } from './scene-io';
import { Trainer } from './trainer';
import { FIT_DEFAULTS, FIT_PRESETS, type FitHooks, type FitOptions, type FittedScene, type FitSchedule, type StopReason } from './types';

const YIELD_MS = 50;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function resolveSchedule(options: Partial<FitOptions>): FitSchedule {
  const preset = options.preset ?? FIT_DEFAULTS.preset;
  const base = FIT_PRESETS[preset];
  if (!base) throw new Error(`fitScene: options.preset has bad value ${JSON.stringify(preset)} (expected draft|standard|high)`);
  const s: FitSchedule = { ...base, ...(options.schedule ?? {}) };
  if (!Array.isArray(s.stages) || s.stages.length === 0 || s.stages.some((st) => !(st.voxels >= 8) || !(st.steps >= 0))) {
    throw new Error(`fitScene: options.schedule.stages has bad value ${JSON.stringify(s.stages)}`);
  }
  if (!(s.batchRays >= 1)) throw new Error(`fitScene: options.schedule.batchRays has bad value ${s.batchRays}`);
  const scale = s.maxStepScale ?? 1;
  if (!(scale >= 1)) throw new Error(`fitScene: options.schedule.maxStepScale has bad value ${s.maxStepScale} (expected >= 1)`);
  s.maxSteps ??= Math.round(s.stages.reduce((n, st) => n + st.steps, 0) * scale);
  return s;
}

export async function fitScene(source: Capture, options: Partial<FitOptions>, hooks: FitHooks = {}): Promise<FittedScene> {
  const opt: FitOptions = { ...FIT_DEFAULTS, ...options };
  if (!(opt.minutes > 0)) throw new Error(`fitScene: options.minutes has bad value ${opt.minutes}`);
  // Scene type, grid space, near/far and box (scene-plan.ts); the trainer sees the planned capture.
  // A resumed fit keeps the checkpoint's type (its grid space is in the checkpoint).
  const plan = planScene(source, hooks.resumeFrom ? checkpointSceneType(hooks.resumeFrom) : opt.sceneType);
  const capture = plan.capture;
  const started = now();
  let trainer: Trainer;
  let spentBefore = 0;
  if (hooks.resumeFrom) {
    const r = restoreCheckpoint(hooks.resumeFrom, capture, hooks.pool);
    trainer = r.trainer;
    spentBefore = r.meta.elapsedSeconds;
    opt.preset = r.meta.preset;
    opt.seed = r.meta.seed;
  } else {
    const schedule = resolveSchedule(opt);
    if (opt.exposure === 'on' || (opt.exposure === 'auto' && plan.type !== 'object')) schedule.exposure ??= { ...EXPOSURE_DEFAULTS };
    else if (opt.exposure !== 'auto' && opt.exposure !== 'off') throw new Error(`fitScene: options.exposure has bad value ${JSON.stringify(opt.exposure)} (expected auto|on|off)`);
    trainer = new Trainer(capture, { schedule, seed: opt.seed, space: plan.space, pool: hooks.pool });
  }
  const elapsed = () => spentBefore + (now() - started) / 1000;
  const deadline = started + opt.minutes * 60_000;
  const previewView = capture.views.find((v) => v.split === 'test') ?? capture.views.find((v) => v.split === 'val') ?? capture.views[0];
  const checkpoint = async () => {
    if (hooks.onCheckpoint) await hooks.onCheckpoint(serializeCheckpoint(trainer, { preset: opt.preset, seed: opt.seed, elapsedSeconds: elapsed(), threads: trainer.chunks }), trainer.step);
  };
  let reason: StopReason = 'done';
  let smoothed = -1;
  let lastYield = now();
  let windowStart = now(), windowSteps = 0;
  let lastPreview = now();
  // Budget planning: PLAN_STEPS steps into each stage and every PLAN_EVERY steps after, project
  // the rest of the schedule at the current stage's rate and rescale the remaining steps so
  // that it ends at PLAN_FILL of the time left: down when it would overrun, up (to at most
  // maxStepScale times the preset's steps) when the budget would otherwise go unused. Later,
  // finer stages re-measure their own rate when they start and correct the plan.
  let planStage = -1, planFrom = 0, planT = now(), firstPlan = 0;
  const PLAN_STEPS = 20, PLAN_EVERY = 50, PLAN_FILL = 0.97;
  while (!trainer.done) {
    if (hooks.shouldStop?.()) { reason = 'cancel'; break; }
    if (now() >= deadline) { reason = 'time'; break; }
    if (trainer.stage !== planStage) {
      planStage = trainer.stage; planFrom = trainer.step; planT = now();
      // Short stages plan halfway through, so that they too can scale the schedule.
      firstPlan = Math.min(PLAN_STEPS, Math.max(1, Math.floor(trainer.schedule.stages[planStage].steps / 2)));
    }
    const mse = await trainer.trainStepAsync();
    const inStage = trainer.step - planFrom;
    if (trainer.stage === planStage && inStage >= firstPlan && (inStage - firstPlan) % PLAN_EVERY === 0 && !trainer.done) {
      const t = now();
      const rate = (t - planT) / 1000 / inStage;
      const need = remainingSeconds(trainer, rate), have = (deadline - t) / 1000;
      const maxTotal = trainer.schedule.maxSteps ?? trainer.totalSteps;
      const remaining = trainer.totalSteps - trainer.step;
      const upTo = remaining > 0 ? Math.max(1, (maxTotal - trainer.step) / remaining) : 1;
      const factor = Math.min((PLAN_FILL * have) / Math.max(need, 1e-9), upTo);
      if (factor < 0.99 || factor > 1.01) trainer.rescaleRemaining(factor);
    }
    smoothed = smoothed < 0 ? mse : 0.9 * smoothed + 0.1 * mse;
    windowSteps++;
    const step = trainer.step;
    if (hooks.onProgress && (step % opt.progressEverySteps === 0 || trainer.done)) {
      const t = now();
      const secPerStep = (t - windowStart) / 1000 / windowSteps;
      windowStart = t; windowSteps = 0;
      const eta = Math.min(remainingSeconds(trainer, secPerStep), Math.max(0, (deadline - t) / 1000));
      const wantPreview = opt.previewEverySteps > 0
        && (step % opt.previewEverySteps === 0 || trainer.done || t - lastPreview >= opt.previewEverySeconds * 1000);
      if (wantPreview) lastPreview = t;
      hooks.onProgress({
        step, total: trainer.totalSteps, etaSeconds: eta,
        losses: { mse: smoothed, psnr: -10 * Math.log10(Math.max(smoothed, 1e-12)), stage: trainer.stage, seconds: elapsed() },
        preview: wantPreview && previewView ? preview(trainer, capture, previewView.intrinsics, previewView.c2w, opt.previewMaxSide) : undefined,
      });
    }
    if (hooks.checkpointEverySteps && hooks.checkpointEverySteps > 0 && step % hooks.checkpointEverySteps === 0) await checkpoint();
    if (now() - lastYield > YIELD_MS) { await yieldToEventLoop(); lastYield = now(); }
  }
  if (reason !== 'done') await checkpoint();
  return finishScene(trainerToScene(trainer, capture, { preset: opt.preset, seed: opt.seed, seconds: elapsed(), stopReason: reason, threads: trainer.chunks }), plan);
}

/** Projected seconds for the rest of the schedule at `rate` s/step in the current stage. */
function remainingSeconds(t: Trainer, rate: number): number {
  const st = t.schedule.stages;
  let sec = 0;
  for (let i = t.stage; i < st.length; i++) {
    const left = i === t.stage ? t.stageStart(i) + st[i].steps - t.step : st[i].steps;
    sec += left * rate;
  }
  return sec;
}

function preview(t: Trainer, capture: Capture, k: Intrinsics, c2w: Mat4, maxSide: number) {
  const s = Math.min(1, maxSide / Math.max(k.width, k.height));
  const kk = scaleIntrinsics(k, Math.max(1, Math.round(k.width * s)), Math.max(1, Math.round(k.height * s)));
  return renderGridView(t.grid, t.occ, { ...t.params, background: capture.background }, kk, c2w).rgb;
}

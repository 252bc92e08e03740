// The DFM (or deterministic pixelNeRF baseline) training loop over a set of multi-view scenes.
//
// Example assembly (supplement Sec. 2.1): the first context frame is chosen at random (the
// informative view 0 with probability `frontViewProbability`), the target is another random frame,
// one more frame is the novel view of L_novel (Eq. 9); to support autoregressive sampling, extra
// context frames (up to `maxContextViews`) are added with probability `extraContextProbability`.
// Every random choice comes from the trainer's SeededRng, so a run resumed from a checkpoint
// (weights, Adam moments, EMA, step, RNG state) continues bit-identically.
import type { RgbImage } from '../data/types';
import { checkpointPreview } from './preview';
import { restoreTrainer, serializeTrainer } from './checkpoint';
import { deterministicTrainStep, dfmTrainStep, type DfmTrainExample, type DfmTrainer, type TrainView } from './train-step';

const FILE = 'dfm/train-loop.ts';

export interface TrainScene {
  name: string;
  /** Views at the model's image size; view 0 is the preferred (informative) context view. */
  views: TrainView[];
}

export interface TrainLoopOptions {
  /** 'dfm': dfmTrainStep (with the config's warm-up); 'deterministic': the pixelNeRF baseline. */
  kind: 'dfm' | 'deterministic';
  /** Train until trainer.step reaches this. */
  steps: number;
  maxContextViews: number;
  extraContextProbability: number;
  frontViewProbability: number;
  /** 0 disables checkpoints. */
  checkpointEverySteps: number;
  progressEverySteps: number;
  /** 0 disables previews; a preview samples scene 0 from its view 0 with the EMA weights. */
  previewEverySteps: number;
  previewSamplerSteps: number;
  /** Saved in every checkpoint's header (`meta`), e.g. the base model's checksum. */
  checkpointMeta: Record<string, unknown>;
}

export const TRAIN_LOOP_DEFAULTS: TrainLoopOptions = {
  kind: 'dfm', steps: 1000, maxContextViews: 2, extraContextProbability: 0.3, frontViewProbability: 0.5,
  checkpointEverySteps: 200, progressEverySteps: 10, previewEverySteps: 0, previewSamplerSteps: 10,
  checkpointMeta: {},
};

export interface TrainProgress {
  step: number;
  total: number;
  /** Mean of each loss term over the steps since the last report. */
  losses: Record<string, number>;
  etaSeconds: number | null;
  mode: 'dfm' | 'deterministic';
  preview?: RgbImage;
}

export interface TrainHooks {
  onProgress?(p: TrainProgress): void | Promise<void>;
  shouldStop?(): boolean;
  onCheckpoint?(state: Uint8Array, step: number): void | Promise<void>;
  resumeFrom?: Uint8Array;
}

export interface TrainLoopResult { step: number; stopped: boolean; seconds: number }

/** Draw one training example from the scenes with the trainer's RNG. */
export function drawExample(trainer: DfmTrainer, scenes: readonly TrainScene[], o: TrainLoopOptions): DfmTrainExample {
  const rng = trainer.rng;
  const scene = scenes[rng.int(scenes.length)];
  const n = scene.views.length;
  if (n < 3) throw new Error(`${FILE}: scene ${scene.name} has ${n} views; training needs at least 3 (context, target, novel)`);
  const order: number[] = [];
  const first = rng.next() < o.frontViewProbability ? 0 : rng.int(n);
  order.push(first);
  const rest = [...Array(n).keys()].filter((i) => i !== first);
  for (let i = rest.length - 1; i > 0; i--) { const j = rng.int(i + 1); [rest[i], rest[j]] = [rest[j], rest[i]]; }
  const [target, novel, ...others] = rest;
  const context = [scene.views[first]];
  const extra = Math.min(o.maxContextViews - 1, others.length);
  for (let k = 0; k < extra; k++) if (rng.next() < o.extraContextProbability) context.push(scene.views[others[k]]);
  return { context, target: scene.views[target], novel: scene.views[novel] };
}

export async function runTrainLoop(
  trainer: DfmTrainer, scenes: readonly TrainScene[], options: Partial<TrainLoopOptions> = {}, hooks: TrainHooks = {},
): Promise<TrainLoopResult> {
  const o = { ...TRAIN_LOOP_DEFAULTS, ...options };
  if (scenes.length === 0) throw new Error(`${FILE}: scenes: at least one scene is required`);
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new Error(`${FILE}: options.steps must be an integer >= 0, got ${o.steps}`);
  if (!(o.maxContextViews >= 1)) throw new Error(`${FILE}: options.maxContextViews must be >= 1, got ${o.maxContextViews}`);
  if (hooks.resumeFrom) restoreTrainer(trainer, hooks.resumeFrom, 'resumeFrom');
  const t0 = Date.now();
  const startStep = trainer.step;
  const sums: Record<string, number> = {};
  let count = 0;
  let stopped = false;
  while (trainer.step < o.steps) {
    if (hooks.shouldStop?.()) { stopped = true; break; }
    const ex = drawExample(trainer, scenes, o);
    const r = o.kind === 'dfm' ? dfmTrainStep(trainer, ex) : deterministicTrainStep(trainer, ex);
    const mode = r.mode;
    for (const [k, v] of Object.entries(r.losses)) sums[k] = (sums[k] ?? 0) + v;
    count += 1;
    const step = trainer.step;
    const last = step === o.steps;
    if (hooks.onProgress && (step % o.progressEverySteps === 0 || last)) {
      const elapsed = (Date.now() - t0) / 1000;
      const done = step - startStep;
      const losses: Record<string, number> = {};
      for (const [k, v] of Object.entries(sums)) { losses[k] = v / count; delete sums[k]; }
      count = 0;
      const withPreview = o.previewEverySteps > 0 && (step % o.previewEverySteps === 0 || last);
      const preview = withPreview ? await checkpointPreview(trainer, scenes[0], o.kind, o.previewSamplerSteps) : undefined;
      await hooks.onProgress({ step, total: o.steps, losses, etaSeconds: done > 0 ? (elapsed / done) * (o.steps - step) : null, mode, preview });
    }
    if (hooks.onCheckpoint && o.checkpointEverySteps > 0 && (step % o.checkpointEverySteps === 0 || last)) {
      await hooks.onCheckpoint(serializeTrainer(trainer, { ...o.checkpointMeta, kind: o.kind }), step);
    }
  }
  if (stopped && hooks.onCheckpoint && o.checkpointEverySteps > 0 && trainer.step > startStep) {
    await hooks.onCheckpoint(serializeTrainer(trainer, { ...o.checkpointMeta, kind: o.kind }), trainer.step);
  }
  return { step: trainer.step, stopped, seconds: (Date.now() - t0) / 1000 };
}

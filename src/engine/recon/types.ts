// Public types of per-scene reconstruction: options, presets, hooks, progress, the fitted scene.
import type { SceneTypeDecision } from '../data/scene-type';
import type { RgbImage } from '../data/types';
import type { SceneSpace, SceneType } from './space';
import type { KernelPool } from '../parallel/kernel-pool';
import type { ExposureSettings } from './exposure';

export type FitPreset = 'draft' | 'standard' | 'high';

/** One coarse-to-fine stage: a dense grid of about `voxels` cells trained for `steps` steps. */
export interface FitStage {
  voxels: number;
  steps: number;
}

/** Everything a preset fixes. JSON-serialisable; saved with checkpoints. */
export interface FitSchedule {
  stages: FitStage[];
  /** Rays per Adam step. */
  batchRays: number;
  /** Spherical-harmonics degree of the colour (0 = RGB only, 1 = 4, 2 = 9 coefs per channel). */
  shDegree: 0 | 1 | 2;
  lrDensity: number;
  lrColor: number;
  /** Learning rates decay exponentially to lr * lrDecay at the last step. */
  lrDecay: number;
  /**
   * Weights of the squared-difference total variation on touched voxels (density, colour),
   * added to the batch-mean loss gradient. That gradient is tiny per vertex (measured on the
   * stand-in at 96^3, batch 4096: median 2e-10, p90 2e-8 for density), so useful weights are
   * ~1e-10: comparable to the data term where the data are weak (empty space, floaters) and
   * negligible on well-observed surfaces.
   */
  tvDensity: number;
  tvColor: number;
  /**
   * Opacity-entropy prior weight per ray (see marcher.ts), applied in stage 0 only: it clears
   * background-coloured fog before the box is tightened; later it would fight the partial
   * opacity of anti-aliased silhouettes (measured: 36.0 -> 32.0 dB on the stand-in).
   */
  entropyWeight: number;
  /** Ray-marching step as a fraction of the current voxel size. */
  stepRatio: number;
  /** Initial per-step opacity of empty space (sets the density shift, DVGO Eq. 9). */
  alphaInit: number;
  /** Cells whose corner opacity is below this are skipped (empty-space skipping). */
  occupancyThreshold: number;
  occupancyEverySteps: number;
  /** After stage 0, shrink the box to voxels with opacity above this (0 disables). */
  tightenThreshold: number;
  /**
   * The budget planner may scale the preset's steps up to this factor when time remains
   * (1 = never more steps than the preset; absent in old checkpoints = 1).
   */
  maxStepScale?: number;
  /** Cap on the total steps after scaling up; set from maxStepScale when the fit starts. */
  maxSteps?: number;
  /** Per-image exposure maps (exposure.ts); absent = none. Set from FitOptions.exposure at the start. */
  exposure?: ExposureSettings;
}

export const FIT_PRESETS: Record<FitPreset, FitSchedule> = {
  draft: {
    stages: [{ voxels: 40 ** 3, steps: 300 }, { voxels: 72 ** 3, steps: 500 }],
    batchRays: 2048, shDegree: 0, lrDensity: 0.5, lrColor: 0.3, lrDecay: 0.1,
    tvDensity: 0, tvColor: 0, entropyWeight: 0.05, stepRatio: 0.5, alphaInit: 1e-4,
    occupancyThreshold: 1e-4, occupancyEverySteps: 50, tightenThreshold: 1e-3,
  },
  standard: {
    // shDegree 0: on the bundled 40-view sample capture SH degree 1 overfits (29.8 dB held-out
    // vs 32.5 dB with degree 0); `high` keeps degree 1 for view-dependent real captures.
    // TV 1e-10: 900 fixed steps on the 64 px busy-toy stand-in gave 32.10 / 32.20 / 31.95 dB
    // held-out with TV 0 / 1e-10 / 1e-9. maxStepScale 4: with time left the planner trains up to 8800 steps (finest stage ~2.1 M voxels).
    stages: [{ voxels: 48 ** 3, steps: 400 }, { voxels: 80 ** 3, steps: 600 }, { voxels: 128 ** 3, steps: 1200 }],
    batchRays: 4096, shDegree: 0, lrDensity: 0.5, lrColor: 0.3, lrDecay: 0.1,
    tvDensity: 1e-10, tvColor: 1e-10, entropyWeight: 0.05, stepRatio: 0.5, alphaInit: 1e-4,
    occupancyThreshold: 1e-4, occupancyEverySteps: 50, tightenThreshold: 1e-3, maxStepScale: 4,
  },
  high: {
    stages: [{ voxels: 48 ** 3, steps: 500 }, { voxels: 96 ** 3, steps: 1000 }, { voxels: 150 ** 3, steps: 2500 }],
    batchRays: 8192, shDegree: 1, lrDensity: 0.5, lrColor: 0.3, lrDecay: 0.1,
    tvDensity: 1e-10, tvColor: 1e-10, entropyWeight: 0.05, stepRatio: 0.5, alphaInit: 1e-4,
    occupancyThreshold: 1e-4, occupancyEverySteps: 50, tightenThreshold: 1e-3, maxStepScale: 3,
  },
};

export interface FitOptions {
  preset: FitPreset;
  /** Wall-clock budget; training ends gracefully (and returns the scene) when it runs out. */
  minutes: number;
  seed: number;
  /** Overrides applied on top of the preset (tests, experiments). */
  schedule: Partial<FitSchedule>;
  progressEverySteps: number;
  /** A preview render of the first held-out (else first) view every this many steps; 0 = never. */
  previewEverySteps: number;
  /**
   * Also preview at the next progress event once this many seconds passed since the last preview,
   * so short budgets and slow machines still show the scene taking shape (ignored when
   * previewEverySteps is 0).
   */
  previewEverySeconds: number;
  /** Longest side of the preview image in pixels. */
  previewMaxSide: number;
  /**
   * Scene parameterisation (scene-plan.ts): 'auto' decides from the cameras / sparse points /
   * image borders; 'object' is a bounded box, 'unbounded' a contracted 360° scene,
   * 'forward-facing' NDC. Not stored in checkpoints: a resumed fit uses the checkpoint's space.
   */
  sceneType: 'auto' | SceneType;
  /**
   * Per-image exposure / white-balance maps (exposure.ts): 'auto' = on for unbounded and
   * forward-facing scenes (photos with real backgrounds), off for objects. Held-out views and
   * exports always use the identity map. A resumed fit keeps the checkpoint's choice.
   */
  exposure: 'auto' | 'on' | 'off';
}

export const FIT_DEFAULTS: FitOptions = {
  preset: 'standard',
  minutes: 10,
  seed: 0,
  schedule: {},
  progressEverySteps: 25,
  previewEverySteps: 250,
  previewEverySeconds: 5,
  previewMaxSide: 64,
  sceneType: 'auto',
  exposure: 'auto',
};

export interface FitProgress {
  step: number;
  total: number;
  /** `mse` and `psnr` of the last training batch (smoothed), `stage` index, `voxels`. */
  losses: Record<string, number>;
  etaSeconds: number | null;
  preview?: RgbImage;
}

export interface FitHooks {
  onProgress?(p: FitProgress): void;
  shouldStop?(): boolean;
  checkpointEverySteps?: number;
  onCheckpoint?(state: Uint8Array, step: number): void | Promise<void>;
  resumeFrom?: Uint8Array;
  /** Threads to march ray batches on (the host's); default: in process, one thread. */
  pool?: KernelPool;
}

export type StopReason = 'done' | 'time' | 'cancel';

export interface Aabb {
  min: [number, number, number];
  max: [number, number, number];
}

/**
 * A fitted dense voxel radiance field. Grid values sit on grid vertices spanning `aabb` (world
 * units for 'world' scenes, grid coordinates for contracted / NDC scenes: see `space`).
 */
export interface FittedScene {
  version: 1;
  aabb: Aabb;
  /** Absent (scene files before version 2) = world. */
  space?: SceneSpace;
  sceneType?: SceneType;
  /**
   * Box of the object of interest, world units of the scene; bakeGrid(scene, res, { crop }) limits
   * mesh / volume export to it. Absent when nothing was found (object scenes bake `aabb`).
   */
  cropBox?: Aabb;
  /** Vertex counts along x, y, z; index x + nx * (y + ny * z). */
  resolution: [number, number, number];
  shDegree: 0 | 1 | 2;
  /** Raw density; sigma = softplus(raw + densityShift) * densityScale (per world unit). */
  density: Float32Array;
  /** SH colour coefficients, per vertex 3 * K values ordered [channel][coef]; rgb = sigmoid(sum). */
  color: Float32Array;
  densityShift: number;
  densityScale: number;
  /** Rendering step as a fraction of the voxel size. */
  stepRatio: number;
  background: [number, number, number];
  near: number;
  far: number;
  info: {
    preset: FitPreset; seed: number; steps: number; seconds: number; stopReason: StopReason;
    /** Batch chunks/threads the fit ran on (absent in scenes saved before it was recorded). */
    threads?: number;
    /** How the scene type was chosen (null: the artist chose it). */
    sceneDecision?: SceneTypeDecision | null;
    /** Where near/far came from. */
    bounds?: 'sparse-points' | 'cameras';
    /** Range of the fitted per-image exposure maps over the training views (absent: none fitted). */
    exposure?: { gain: [number, number]; offset: [number, number] };
  };
}

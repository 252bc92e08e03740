// Fine-tuning a DFM model on posed captures: the pieces the CLI (`parallax train`) and the `train`
// job runner share. Fine-tuning starts from a base model's weights with a fresh trainer (Adam, EMA
// and RNG seeded by `seed`) and never repeats the deterministic warm-up.
import os from 'node:os';
import { resolve } from 'node:path';
import {
  captureToTrainScene, createDfmModel, createDfmTrainer, disposeDfmModel, disposeTrainer, encodeDfmModelFile,
  type DfmConfig, type DfmModel, type DfmTrainer, type TrainScene,
} from '../../engine/dfm';
import type { ModelProvenance } from '../../engine/model-file';
import type { Tf } from '../../engine/tf';
import { openCaptureFolder } from '../capture-io';
import { loadModel } from './models';

export const ENGINE_VERSION = '0.1.0';

/** Every view of each capture folder at the model's size; each capture needs >= 3 posed views. */
export async function loadTrainScenes(dirs: readonly string[], size: number, names: readonly string[] = dirs): Promise<TrainScene[]> {
  const scenes: TrainScene[] = [];
  for (const [i, d] of dirs.entries()) {
    const capture = await openCaptureFolder(resolve(d));
    if (capture.placeholderPoses) throw new Error(`${d}: poses: the capture has no camera poses; training needs posed views`);
    const scene = captureToTrainScene(capture, size, names[i] ?? d);
    if (scene.views.length < 3) throw new Error(`${d}: views: ${scene.views.length} views; training needs at least 3 posed views per capture`);
    scenes.push(scene);
  }
  return scenes;
}

export interface FineTuneSetup {
  model: DfmModel;
  trainer: DfmTrainer;
  config: DfmConfig;
  base: { path: string; checksum: string; provenance: ModelProvenance };
  dispose(): void;
}

/** Load the base model (default: the shipped one) into a new trainable model and trainer. */
export async function prepareFineTune(tf: Tf, baseFile: string | undefined, seed: number): Promise<FineTuneSetup> {
  const base = await loadModel(tf, baseFile, 'dfm');
  const config: DfmConfig = { ...base.model.config, train: { ...base.model.config.train, warmupSteps: 0 } };
  const model = createDfmModel(tf, config, seed);
  model.store.load(base.model.store.snapshot());
  disposeDfmModel(base.model);
  const trainer = createDfmTrainer(model, seed);
  return {
    model, trainer, config, base: { path: base.path, checksum: base.checksum, provenance: base.provenance },
    dispose: () => { disposeTrainer(trainer); disposeDfmModel(model); },
  };
}

export function hardwareDescription(backend: string): string {
  return `${os.cpus().length}-core ${os.arch()}, tfjs ${backend}`;
}

/** The fine-tuned model file: the trainer's EMA weights with the run's provenance. */
export function encodeFineTuned(
  setup: Pick<FineTuneSetup, 'model' | 'trainer'>,
  run: { dataset: string; seed: number; steps: number; wallTimeSeconds: number; backend: string; baseModel: string; extra?: Record<string, unknown> },
): Uint8Array {
  return encodeDfmModelFile(setup.model, 'dfm', {
    dataset: run.dataset, seed: run.seed, steps: run.steps, wallTimeSeconds: Math.round(run.wallTimeSeconds),
    hardware: hardwareDescription(run.backend), engineVersion: ENGINE_VERSION, createdAt: new Date().toISOString(),
    baseModel: run.baseModel, ...run.extra,
  }, setup.trainer.ema.snapshot());
}

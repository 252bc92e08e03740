// parallax train <captures...> [--from <model>] [--steps N] [--out <model.plxm>] [--seed S]
//   [--checkpoint <file>] [--backend B]
// Fine-tune the DFM model (default: the shipped one) on posed capture folders. Resumable: the
// checkpoint (default <out>.ckpt) is written atomically every --checkpoint-every steps; running the
// same command again (e.g. after kill -9) continues from it. The model file is written at the end.
//
// Flags the CLI entry should map to TrainArgs:
//   positionals -> captures, --from -> from, --steps -> steps (default 200), --out -> out
//   (default ./finetuned-dfm.plxm), --seed -> seed (0), --checkpoint -> checkpoint,
//   --checkpoint-every -> checkpointEvery (20), --backend -> backend (auto).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  captureToTrainScene, createDfmModel, createDfmTrainer, disposeDfmModel, disposeTrainer, encodeDfmModelFile,
  loadDfmModelFile, restoreTrainer, runTrainLoop, type DfmConfig, type LoadedDfmModel, type TrainScene,
} from '../../engine/dfm';
import type { ModelMethod } from '../../engine/model-file';
import type { Tf } from '../../engine/tf';
import { openCaptureFolder, writeFileAtomic } from '../../main/capture-io';
import { selectBackend, type BackendChoice } from '../../main/engine-host/backend-select';
import type { Log } from '../log';

export interface TrainArgs {
  captures: string[];
  from?: string;
  steps?: number;
  out?: string;
  seed?: number;
  checkpoint?: string;
  checkpointEvery?: number;
  backend?: BackendChoice;
  /** Cancel (job manager / tests): checked before every step; a checkpoint is written on stop. */
  shouldStop?: () => boolean;
}

/** The shipped models (scripts/train-default.ts writes them). */
export function defaultModelPath(method: ModelMethod): string {
  return fileURLToPath(new URL(`../../../resources/models/default-${method}.plxm`, import.meta.url));
}

export async function loadModel(tf: Tf, file: string | undefined, method: ModelMethod): Promise<LoadedDfmModel & { path: string }> {
  const path = resolve(file ?? defaultModelPath(method));
  if (!existsSync(path)) {
    throw new Error(file ? `model file not found: ${path}` : `the default ${method} model ${path} is missing; run npm run train:default`);
  }
  return { ...loadDfmModelFile(tf, new Uint8Array(await readFile(path)), { method, source: path }), path };
}

export async function loadTrainScenes(dirs: readonly string[], size: number): Promise<TrainScene[]> {
  const scenes: TrainScene[] = [];
  for (const d of dirs) {
    const capture = await openCaptureFolder(resolve(d));
    const scene = captureToTrainScene(capture, size, d);
    if (scene.views.length < 3) throw new Error(`${d}: views: ${scene.views.length} views; training needs at least 3 posed views per capture`);
    scenes.push(scene);
  }
  return scenes;
}

export async function trainCommand(args: TrainArgs, log: Log): Promise<number> {
  if (args.captures.length === 0) throw new Error('parallax train: at least one capture folder is required');
  const steps = args.steps ?? 200;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`parallax train: --steps must be a positive integer, got ${args.steps}`);
  const out = resolve(args.out ?? 'finetuned-dfm.plxm');
  const ckptPath = resolve(args.checkpoint ?? `${out}.ckpt`);
  const { tf, backend, adapter } = await selectBackend(args.backend ?? 'auto');
  const base = await loadModel(tf, args.from, 'dfm');
  // Fine-tuning never repeats the deterministic warm-up.
  const config: DfmConfig = { ...base.model.config, train: { ...base.model.config.train, warmupSteps: 0 } };
  const model = createDfmModel(tf, config, args.seed ?? 0);
  model.store.load(base.model.store.snapshot());
  disposeDfmModel(base.model);
  const trainer = createDfmTrainer(model, args.seed ?? 0);
  try {
    let baseModel = base.checksum;
    if (existsSync(ckptPath)) {
      const header = restoreTrainer(trainer, new Uint8Array(await readFile(ckptPath)), ckptPath);
      if (typeof header.meta.baseModel === 'string') baseModel = header.meta.baseModel;
      log.info(`resuming from ${ckptPath} at step ${trainer.step}/${steps}`);
    }
    const scenes = await loadTrainScenes(args.captures, config.imageSize);
    log.info(`fine-tuning ${base.path} (${baseModel}) on ${scenes.length} capture(s), backend ${backend} (${adapter})`);
    await mkdir(dirname(out), { recursive: true });
    const t0 = Date.now();
    const res = await runTrainLoop(trainer, scenes, { kind: 'dfm', steps, checkpointEverySteps: args.checkpointEvery ?? 20, progressEverySteps: 10, checkpointMeta: { baseModel } }, {
      onProgress: (p) => log.info(`step ${p.step}/${p.total} ${Object.entries(p.losses).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' ')}${p.etaSeconds !== null ? ` eta ${Math.round(p.etaSeconds)} s` : ''}`),
      onCheckpoint: async (bytes) => { await writeFileAtomic(ckptPath, bytes); },
      shouldStop: args.shouldStop,
    });
    const file = encodeDfmModelFile(model, 'dfm', {
      dataset: `fine-tune on ${args.captures.join(', ')}`, seed: args.seed ?? 0, steps: res.step,
      wallTimeSeconds: Math.round((Date.now() - t0) / 1000), hardware: `${os.cpus().length}-core ${os.arch()}, tfjs ${backend}`,
      engineVersion: '0.1.0', createdAt: new Date().toISOString(), baseModel,
    }, trainer.ema.snapshot());
    await writeFileAtomic(out, file);
    if (!res.stopped) await rm(ckptPath, { force: true });
    log.result(`trained ${res.step} steps -> ${out}`);
    return 0;
  } finally {
    disposeTrainer(trainer);
    disposeDfmModel(model);
  }
}

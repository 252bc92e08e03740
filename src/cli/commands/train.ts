// parallax train <captures...> [--from <model>] [--steps N] [--out <model.plxm>] [--seed S]
//   [--checkpoint <file>] [--backend B]
// Fine-tune the DFM model (default: the shipped one) on posed capture folders. Resumable: the
// checkpoint (default <out>.ckpt) is written atomically every --checkpoint-every steps; running the
// same command again (e.g. after kill -9) continues from it. The model file is written at the end.
// The work is in src/main/generative (shared with the studio's train job).
//
// Flags the CLI entry should map to TrainArgs:
//   positionals -> captures, --from -> from, --steps -> steps (default 200), --out -> out
//   (default ./finetuned-dfm.plxm), --seed -> seed (0), --checkpoint -> checkpoint,
//   --checkpoint-every -> checkpointEvery (20), --backend -> backend (auto).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { restoreTrainer, runTrainLoop } from '../../engine/dfm';
import { writeFileAtomic } from '../../main/capture-io';
import { selectBackend, type BackendChoice } from '../../main/engine-host/backend-select';
import { encodeFineTuned, loadTrainScenes, prepareFineTune } from '../../main/generative';
import type { Log } from '../log';

// eval.ts and older callers import these from here.
export { defaultModelPath, loadModel, loadTrainScenes } from '../../main/generative';

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

export async function trainCommand(args: TrainArgs, log: Log): Promise<number> {
  if (args.captures.length === 0) throw new Error('parallax train: at least one capture folder is required');
  const steps = args.steps ?? 200;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`parallax train: --steps must be a positive integer, got ${args.steps}`);
  const out = resolve(args.out ?? 'finetuned-dfm.plxm');
  const ckptPath = resolve(args.checkpoint ?? `${out}.ckpt`);
  const seed = args.seed ?? 0;
  const { tf, backend, adapter } = await selectBackend(args.backend ?? 'auto');
  const setup = await prepareFineTune(tf, args.from, seed);
  try {
    let baseModel = setup.base.checksum;
    if (existsSync(ckptPath)) {
      const header = restoreTrainer(setup.trainer, new Uint8Array(await readFile(ckptPath)), ckptPath);
      if (typeof header.meta.baseModel === 'string') baseModel = header.meta.baseModel;
      log.info(`resuming from ${ckptPath} at step ${setup.trainer.step}/${steps}`);
    }
    const scenes = await loadTrainScenes(args.captures, setup.config.imageSize);
    log.info(`fine-tuning ${setup.base.path} (${baseModel}) on ${scenes.length} capture(s), backend ${backend} (${adapter})`);
    await mkdir(dirname(out), { recursive: true });
    const t0 = Date.now();
    const res = await runTrainLoop(setup.trainer, scenes, { kind: 'dfm', steps, checkpointEverySteps: args.checkpointEvery ?? 20, progressEverySteps: 10, checkpointMeta: { baseModel } }, {
      onProgress: (p) => log.info(`step ${p.step}/${p.total} ${Object.entries(p.losses).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' ')}${p.etaSeconds !== null ? ` eta ${Math.round(p.etaSeconds)} s` : ''}`),
      onCheckpoint: async (bytes) => { await writeFileAtomic(ckptPath, bytes); },
      shouldStop: args.shouldStop,
    });
    const file = encodeFineTuned(setup, {
      dataset: `fine-tune on ${args.captures.join(', ')}`, seed, steps: res.step,
      wallTimeSeconds: (Date.now() - t0) / 1000, backend, baseModel,
    });
    await writeFileAtomic(out, file);
    if (!res.stopped) await rm(ckptPath, { force: true });
    log.result(`trained ${res.step} steps -> ${out}`);
    return 0;
  } finally {
    setup.dispose();
  }
}

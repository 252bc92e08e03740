// Runner `train`: fine-tune a DFM model on posed captures (src/main/generative):
//   1. base model (the shipped default or a model item) -> trainable model + trainer
//   2. resume exactly from ctx.resumeFrom (weights, Adam, EMA, step, RNG: restoreTrainer)
//   3. runTrainLoop: progress every step with every loss term and the ETA, a sample preview every
//      previewEvery steps, a checkpoint every checkpointEvery steps and on cancel
//   4. one model item: model.plxm (EMA weights) with provenance, preview.png as its thumbnail
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModelFile } from '../../../engine/model-file';
import type { RgbImage } from '../../../engine/data/types';
import { restoreTrainer, runTrainLoop } from '../../../engine/dfm';
import { writePng } from '../../capture-io';
import { encodeFineTuned, hardwareDescription, loadTrainScenes, MODEL_FILE, prepareFineTune, yieldToEventLoop } from '../../generative';
import { writeFileAtomic } from '../../workspace';
import { TrainParamsSchema } from './train-params';
import type { Runner } from './types';

export const TRAIN_PREVIEW_FILE = 'preview.png';

export const run: Runner = async (ctx) => {
  const p = TrainParamsSchema.parse(ctx.params);
  ctx.progress({ step: 0, total: p.steps, losses: {}, etaSeconds: null, message: 'loading base model and captures' });
  const setup = await prepareFineTune(ctx.tf, p.baseModelFile, p.seed);
  try {
    let baseModel = setup.base.checksum;
    let priorSeconds = 0;
    if (ctx.resumeFrom) {
      const header = restoreTrainer(setup.trainer, ctx.resumeFrom.bytes, `checkpoint at step ${ctx.resumeFrom.step}`);
      if (typeof header.meta.baseModel === 'string') baseModel = header.meta.baseModel;
      if (typeof header.meta.wallSeconds === 'number') priorSeconds = header.meta.wallSeconds;
    }
    const names = p.captureDirs.map((d, i) => p.captureNames[i] ?? d);
    const scenes = await loadTrainScenes(p.captureDirs, setup.config.imageSize, names);
    const t0 = Date.now();
    // Spread into every checkpoint header: the wall time accumulates across resumed sessions.
    const meta = { baseModel, get wallSeconds() { return priorSeconds + (Date.now() - t0) / 1000; } };
    let preview: RgbImage | undefined;
    const res = await runTrainLoop(setup.trainer, scenes, {
      kind: 'dfm', steps: p.steps, checkpointEverySteps: p.checkpointEvery, progressEverySteps: 1,
      previewEverySteps: p.previewEvery, previewSamplerSteps: p.previewSamplerSteps, checkpointMeta: meta,
    }, {
      onProgress: (tp) => {
        if (tp.preview) preview = tp.preview;
        ctx.progress({ step: tp.step, total: tp.total, losses: tp.losses, etaSeconds: tp.etaSeconds, message: `step ${tp.step}/${tp.total}` }, tp.preview);
        return yieldToEventLoop(); // the host's stop message is a macrotask: let it in between steps
      },
      onCheckpoint: (bytes, step) => ctx.checkpoint(bytes, step),
      shouldStop: ctx.shouldStop,
    });
    if (res.stopped) return { status: 'stopped' };

    const wallTimeSeconds = meta.wallSeconds;
    const bytes = encodeFineTuned(setup, {
      dataset: `fine-tune on ${names.join(', ')}`, seed: p.seed, steps: res.step, wallTimeSeconds, backend: ctx.backend, baseModel,
      extra: { captureIds: p.captureIds },
    });
    const out = join(ctx.stagingDir, 'model');
    await mkdir(out, { recursive: true });
    await writeFileAtomic(join(out, MODEL_FILE), bytes);
    if (preview) await writePng(join(out, TRAIN_PREVIEW_FILE), preview);
    const decoded = decodeModelFile(bytes, { method: 'dfm', source: MODEL_FILE });
    return {
      status: 'succeeded',
      summary: { steps: res.step, wallTimeSeconds, captures: scenes.length },
      outputs: [{
        kind: 'model', name: p.modelName, dir: 'model',
        fields: {
          file: MODEL_FILE, method: 'dfm', ...(preview ? { thumbnail: TRAIN_PREVIEW_FILE } : {}),
          provenance: {
            ...decoded.provenance, checksum: decoded.checksum, source: 'fine-tune',
            baseModelId: p.baseModelId, baseModelChecksum: baseModel, baseModelFile: setup.base.path,
            captureIds: p.captureIds, captureNames: names, steps: res.step, wallTimeSeconds: Math.round(wallTimeSeconds),
            backend: ctx.backend, adapter: ctx.adapter, hardware: hardwareDescription(ctx.backend),
          },
        },
      }],
    };
  } finally {
    setup.dispose();
  }
};

// Runner `sample`: N different 3D scenes from one photo with a DFM model (src/main/generative):
//   1. load the model and the photo; plan the camera path (orbit | forward | autoregressive)
//   2. for each sample k not finished yet: generateSample with a progress event per DDIM step
//      (preview: a strip with the current x0 of every sample, one tile each, grey = not started),
//      its files to <jobDir>/samples/sample-<k>/, then a checkpoint listing the finished samples
//   3. variance.png (per-pixel std of the samples' key view) and one scene item per sample
// Cancel stops between DDIM steps; resume skips the finished samples (same seeds, same results).
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BAKE_DEFAULTS, disposeDfmModel, generationPaths } from '../../../engine/dfm';
import { cameraCenter } from '../../../engine/camera';
import type { RgbImage } from '../../../engine/data/types';
import { writePng } from '../../capture-io';
import { generateSample, loadModel, readPhoto, spreadImage, tileStrip, yieldToEventLoop } from '../../generative';
import { writeFileAtomic } from '../../workspace';
import { SampleParamsSchema } from './sample-params';
import { decodeSampleState, encodeSampleState, type FinishedSample } from './sample-state';
import type { Runner, RunnerOutput } from './types';

export const SAMPLE_FILES = { preview: 'preview.png', mesh: 'mesh.glb', volume: 'volume.bin', variance: 'variance.png' } as const;

const sampleDir = (jobDir: string, k: number) => join(jobDir, 'samples', `sample-${k}`);

export const run: Runner = async (ctx) => {
  const p = SampleParamsSchema.parse(ctx.params);
  const groupId = p.groupId ?? basename(ctx.jobDir);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'loading model' });
  const loaded = await loadModel(ctx.tf, p.modelFile, 'dfm');
  const model = loaded.model;
  try {
    const size = model.config.imageSize;
    const photo = await readPhoto(p.photo, size);
    const paths = generationPaths(photo.camera, p.path, { views: p.views, forwardViews: p.forwardViews });
    const guidance = p.guidance > 0 ? p.guidance : null;
    const perSample = paths.sample.length * p.steps;
    const total = p.samples * perSample;
    // Resume: keep the samples a checkpoint of this exact job lists and whose files still exist.
    const fingerprint = JSON.stringify({ ...p, groupId, model: loaded.checksum });
    const prior = ctx.resumeFrom ? decodeSampleState(ctx.resumeFrom.bytes) : null;
    const done = new Map<number, FinishedSample>();
    if (prior && prior.fingerprint === fingerprint) {
      for (const d of prior.done) {
        const dir = sampleDir(ctx.jobDir, d.k);
        const files = [SAMPLE_FILES.preview, SAMPLE_FILES.volume, ...(d.hasMesh ? [SAMPLE_FILES.mesh] : [])];
        if (files.every((f) => existsSync(join(dir, f)))) done.set(d.k, d);
      }
    }
    const tiles: (RgbImage | null)[] = Array.from({ length: p.samples }, (_, k) => done.get(k)?.keyView ?? null);
    const started = Date.now();
    let stepsThisRun = 0;
    for (let k = 0; k < p.samples; k++) {
      if (done.has(k)) continue;
      if (ctx.shouldStop()) return { status: 'stopped' };
      const s = await generateSample(model, loaded.checksum, photo, paths, k, {
        steps: p.steps, guidance, temperature: p.temperature, seed: p.seed, path: p.path, pooling: p.pooling, grid: p.grid, previewEvery: 1,
      }, {
        shouldStop: ctx.shouldStop,
        onFinishing: () => ctx.progress({
          step: Math.min(total, (done.size + 1) * perSample), total, losses: {}, etaSeconds: null,
          message: `sample ${k + 1}/${p.samples}, baking volume and mesh`,
        }),
        onStep: (v, sp) => {
          if (sp.x0.width > 0) tiles[k] = sp.x0;
          stepsThisRun += 1;
          const inSample = v * p.steps + sp.index + 1;
          const step = Math.min(total, done.size * perSample + inSample);
          const perStep = (Date.now() - started) / 1000 / stepsThisRun;
          const views = paths.sample.length > 1 ? ` (view ${v + 1}/${paths.sample.length})` : '';
          ctx.progress({
            step, total, losses: {}, etaSeconds: perStep * (total - step),
            message: `sample ${k + 1}/${p.samples}, step ${inSample}/${perSample}${views}`,
          }, tileStrip(tiles, size));
          return yieldToEventLoop(); // let the host's stop message and the preview write in
        },
      });
      if (!s) return { status: 'stopped' };
      const dir = sampleDir(ctx.jobDir, k);
      await mkdir(dir, { recursive: true });
      const key = s.views[s.keyView];
      await writePng(join(dir, SAMPLE_FILES.preview), key);
      await writeFileAtomic(join(dir, SAMPLE_FILES.volume), s.volume);
      if (s.glb) await writeFileAtomic(join(dir, SAMPLE_FILES.mesh), s.glb);
      else await rm(join(dir, SAMPLE_FILES.mesh), { force: true });
      done.set(k, { k, seed: s.seed, triangles: s.triangles, isoLevel: s.isoLevel, seconds: s.seconds, hasMesh: !!s.glb, keyView: key });
      tiles[k] = key;
      const ordered = [...done.values()].sort((a, b) => a.k - b.k);
      await ctx.checkpoint(encodeSampleState({ fingerprint, done: ordered }), done.size * perSample);
    }

    ctx.progress({ step: total, total, losses: {}, etaSeconds: 0, message: 'writing scenes' }, tileStrip(tiles, size));
    const all = [...done.values()].sort((a, b) => a.k - b.k);
    const spread = spreadImage(all.map((d) => d.keyView));
    const c = cameraCenter(photo.camera.c2w);
    const rig = { centre: [0, 0, 0], radius: Math.hypot(c[0], c[1], c[2]), height: c[1], intrinsics: photo.camera.intrinsics };
    const outputs: RunnerOutput[] = [];
    for (const d of all) {
      const out = join(ctx.stagingDir, `scene-${d.k}`);
      await mkdir(out, { recursive: true });
      const from = sampleDir(ctx.jobDir, d.k);
      for (const f of [SAMPLE_FILES.preview, SAMPLE_FILES.volume, ...(d.hasMesh ? [SAMPLE_FILES.mesh] : [])]) await rename(join(from, f), join(out, f));
      await writePng(join(out, SAMPLE_FILES.variance), spread.image);
      const { mesh: _mesh, ...always } = SAMPLE_FILES;
      outputs.push({
        kind: 'scene', name: `${p.sceneName} sample ${d.k + 1}/${p.samples}`, dir: `scene-${d.k}`,
        fields: {
          origin: 'sample', sourceId: p.captureId, thumbnail: SAMPLE_FILES.preview,
          files: d.hasMesh ? { ...SAMPLE_FILES } : always,
          metrics: { triangles: d.triangles, isoLevel: d.isoLevel, seconds: d.seconds, varianceMax: spread.max, varianceMean: spread.mean, varianceScale: spread.scale },
          settings: {
            groupId, sampleIndex: d.k, samples: p.samples, seed: d.seed, baseSeed: p.seed, steps: p.steps,
            guidance: guidance ?? model.config.guidance, temperature: p.temperature, path: p.path, pooling: p.pooling,
            modelId: p.modelId, modelChecksum: loaded.checksum, captureId: p.captureId ?? null,
            sampledViews: paths.sample.length, grid: p.grid, aabb: BAKE_DEFAULTS.aabb,
            background: model.config.render.background, rig, backend: ctx.backend, adapter: ctx.adapter,
          },
        },
      });
    }
    await rm(join(ctx.jobDir, 'samples'), { recursive: true, force: true });
    return { status: 'succeeded', summary: { samples: all.length, varianceMax: spread.max, varianceMean: spread.mean }, outputs };
  } finally {
    disposeDfmModel(model);
  }
};

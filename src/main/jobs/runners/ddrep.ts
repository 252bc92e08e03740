// Runner `ddrep`: N samples of a differentiable representation (SIREN image, wrap-around panorama or voxel
// radiance field) from the image prior with DDRep, SDS or SJC (src/engine/ddrep; issue 17), optionally
// completed from a photo by RePaint inpainting (DDRep; a field reads the photo as its front view).
//   1. load the prior model file (method 'prior') and the photo; rep field: start a kernel pool (the voxel
//      solver's threads, as a fit's), ended with the run
//   2. for each sample k (seed + k): build the rep, run the method with a progress event per outer step
//      (preview: the current render), keep `previewSteps` snapshots of the render for the step strip
//   3. write <stagingDir>/ddrep/sample-<k>.png, sample-<k>-steps.png and summary.json; rep field also writes
//      sample-<k>/ (a scene folder, ddrep-scene.ts), sample-<k>.glb (validated) and sample-<k>-views/*.png
// Stop (Ctrl-C / cancel) ends the running sample between steps and drops it; finished samples are kept
// and written with `stopped: true` in the summary (no finished sample: the job reports 'stopped').
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FIELD_DEFAULTS } from '../../../engine/ddrep';
import { disposePriorModel, imagePrior, loadPriorModelFile } from '../../../engine/prior';
import type { RgbImage } from '../../../engine/data/types';
import { writePng } from '../../capture-io';
import { yieldToEventLoop } from '../../generative';
import { writeFileAtomic } from '../../workspace';
import { DdrepParamsSchema } from './ddrep-params';
import { NodeKernelPool, defaultThreads } from '../../engine-host/node-kernel-pool';
import {
  FIELD_RING_ELEVATION_DEG, FIELD_RING_VIEWS, buildRep, knownDescription, methodOptions, readSquarePhoto, runMethod, stackImages, tensorToImage,
} from './ddrep-setup';
import { writeFieldScene, type FieldSceneRecord } from './ddrep-scene';
import type { Runner } from './types';

export const DDREP_OUTPUT_DIR = 'ddrep';

export interface DdrepSampleRecord {
  index: number;
  seed: number;
  seconds: number;
  denoiserCalls: number;
  steps: number;
  /** Last outer step's loss and (DDRep) unachieved fraction of the least-squares fit (notes §4.4). */
  finalLoss: number;
  finalUnachieved: number | null;
  files: { image: string; steps: string };
  /** Rep field: the scene folder, the validated GLB and the per-view PNGs. */
  scene?: FieldSceneRecord;
}

/** Outer-step indices (0-based) whose render goes into the strip: evenly spaced, always the last. */
export function previewIndices(total: number, count: number): Set<number> {
  const n = Math.min(total, count);
  return new Set(Array.from({ length: n }, (_, i) => (n === 1 ? total - 1 : Math.round((i * (total - 1)) / (n - 1)))));
}

export const run: Runner = async (ctx) => {
  const p = DdrepParamsSchema.parse(ctx.params);
  const { tf } = ctx;
  if (p.photo && p.method !== 'ddrep') throw new Error(`ddrep: photo: inpainting is DDRep's (RePaint); method ${p.method} takes no photo`);
  const modelFile = resolve(p.modelFile);
  if (!existsSync(modelFile)) throw new Error(`ddrep: model file not found: ${modelFile}`);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'loading the prior' });
  const loaded = loadPriorModelFile(tf, new Uint8Array(await readFile(modelFile)), modelFile);
  const threads = p.rep === 'field' ? (p.threads ?? defaultThreads()) : 1;
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  try {
    const size = loaded.model.config.unet.imageSize;
    const photo = p.photo ? await readSquarePhoto(resolve(p.photo), size) : null;
    const options = methodOptions(p);
    const prior = imagePrior(loaded.model);
    const outDir = join(ctx.stagingDir, DDREP_OUTPUT_DIR);
    await mkdir(outDir, { recursive: true });
    const total = p.samples * options.steps;
    const snapAt = previewIndices(options.steps, p.previewSteps);
    const started = Date.now();
    const records: DdrepSampleRecord[] = [];
    let stopped = false;
    for (let k = 0; k < p.samples && !stopped; k++) {
      const seed = p.seed + k;
      const s = buildRep(tf, p, size, seed, photo, pool);
      try {
        const snaps: RgbImage[] = [];
        const stats = await runMethod(tf, s, prior, options, seed, {
          shouldStop: ctx.shouldStop,
          onStep: async (info) => {
            if (snapAt.has(info.index)) {
              const pic = tf.tidy(() => s.picture());
              snaps.push(tensorToImage(pic));
              pic.dispose();
            }
            const pre = tf.tidy(() => s.preview());
            const img = tensorToImage(pre);
            pre.dispose();
            const step = k * options.steps + info.index + 1;
            const perStep = (Date.now() - started) / 1000 / step;
            const losses: Record<string, number> = { loss: info.loss };
            if (Number.isFinite(info.unachieved)) losses.unachieved = info.unachieved;
            ctx.progress({
              step, total, losses, etaSeconds: perStep * (total - step),
              message: `sample ${k + 1}/${p.samples}, step ${info.index + 1}/${info.total}`,
            }, img);
            await yieldToEventLoop(); // let the host's stop message in
          },
        });
        if (stats.stopped) { stopped = true; break; }
        const pic = tf.tidy(() => s.picture());
        const final = tensorToImage(pic);
        pic.dispose();
        const files = { image: `sample-${k}.png`, steps: `sample-${k}-steps.png` };
        await writePng(join(outDir, files.image), final);
        await writePng(join(outDir, files.steps), stackImages(snaps, p.rep === 'siren' ? 'horizontal' : 'vertical'));
        const last = stats.unachieved[stats.unachieved.length - 1];
        const record: DdrepSampleRecord = {
          index: k, seed, seconds: stats.seconds, denoiserCalls: stats.denoiserCalls, steps: stats.steps,
          finalLoss: stats.losses[stats.losses.length - 1], finalUnachieved: Number.isFinite(last) ? last : null, files,
        };
        if (s.field) {
          ctx.progress({ step: (k + 1) * options.steps, total, losses: {}, etaSeconds: null, message: `sample ${k + 1}/${p.samples}: writing the scene, GLB and views` });
          const { steps: _s, ...method } = options;
          record.scene = await writeFieldScene(tf, s.field, outDir, `sample-${k}`, {
            name: `DDRep ${p.method} field ${k + 1}/${p.samples}`, seed, steps: stats.steps, seconds: stats.seconds, stopped: false,
            metrics: { seconds: stats.seconds, denoiserCalls: stats.denoiserCalls, finalLoss: record.finalLoss },
            settings: { method: p.method, options: { ...method, seed }, modelFile, modelChecksum: loaded.checksum, backend: ctx.backend, threads },
          }, FIELD_RING_ELEVATION_DEG, FIELD_RING_VIEWS);
        }
        records.push(record);
      } finally {
        s.dispose();
      }
    }
    if (records.length === 0) return { status: 'stopped' };
    const { steps: _steps, ...methodConfig } = options;
    const summary = {
      method: p.method, rep: p.rep, stopped, samplesRequested: p.samples, samplesFinished: records.length,
      options: { steps: options.steps, guidance: methodConfig.guidance, seed: p.seed, method: methodConfig },
      imageSize: size, canvas: p.rep === 'panorama' ? { windows: 8, width: 8 * size } : null,
      field: p.rep === 'field' ? {
        grid: p.grid ?? FIELD_DEFAULTS.resolution, threads,
        picture: `${FIELD_RING_VIEWS} views at ${FIELD_RING_ELEVATION_DEG.toFixed(1)} deg elevation, azimuth 0 (the front, +Z) to ${360 - 360 / FIELD_RING_VIEWS} deg, left to right`,
      } : null,
      photo: p.photo ? { file: resolve(p.photo), known: knownDescription(p.rep, size) } : null,
      model: { file: modelFile, checksum: loaded.checksum, provenance: loaded.provenance },
      seconds: (Date.now() - started) / 1000,
      denoiserCalls: records.reduce((a, r) => a + r.denoiserCalls, 0),
      perSampleSeconds: records.map((r) => r.seconds),
      previewStrip: `${Math.min(options.steps, p.previewSteps)} renders at outer steps ${[...snapAt].map((i) => i + 1).join(', ')}, ${p.rep === 'siren' ? 'left to right' : 'top to bottom'}`,
      backend: ctx.backend,
      samples: records,
    };
    await writeFileAtomic(join(outDir, 'summary.json'), new TextEncoder().encode(`${JSON.stringify(summary, null, 2)}\n`));
    return {
      status: 'succeeded',
      summary: { samples: records.length, stopped: stopped ? 1 : 0, seconds: summary.seconds, denoiserCalls: summary.denoiserCalls },
      outputs: [{
        kind: 'export', name: `DDRep ${p.method} ${p.rep} samples`, dir: DDREP_OUTPUT_DIR,
        fields: {
          files: ['summary.json', ...records.flatMap((r) => [r.files.image, r.files.steps, ...(r.scene ? [r.scene.dir, ...(r.scene.glb ? [r.scene.glb] : []), ...r.scene.views] : [])])],
          settings: { method: p.method, rep: p.rep },
        },
      }],
    };
  } finally {
    disposePriorModel(loaded.model);
    await pool?.dispose();
  }
};

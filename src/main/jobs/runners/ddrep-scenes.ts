// Runner `ddrep-scenes`: the studio's DDRep jobs. N samples of a SIREN image, a wrap-around panorama or a
// voxel radiance field from the shipped image prior with DDRep, SDS or SJC (ddrep-setup.ts builds the rep
// and the method, as for the CLI's `ddrep` runner), each committed as a scene item (representation
// 'image' | 'panorama' | 'field').
//   1. load the prior and the photo (a capture's first image); restore a checkpoint; rep field: the photo's
//      camera is its capture pose when that pose is one of the prior's rig cameras (a posed capture of the
//      procedural category), else the front view (fieldPhotoCamera), recorded in each scene's settings;
//      rep field: start a kernel pool for the voxel solver (as the CLI runner does), ended with the run
//   2. for each sample k not finished: build the rep (seed + k), run the method with a progress event per
//      outer step whose preview is a grid with one row per sample (ddrep-preview.ts); a finished sample's
//      picture and step strip go to <jobDir>/ddrep-samples/sample-<k>/, then a checkpoint lists it
//   3. one scene per sample: preview.png (the picture, also the thumbnail) and steps.png (the step strip)
// Rep field: the per-step preview is one rendered view (the front) per sample; a finished sample is written
// at once as a whole 3D scene folder by the CLI's writer (ddrep-scenes-field.ts) and committed with
// representation 'field' (3D viewer, export). Steps left empty take DDREP_FIELD_STEPS (src/shared).
// Cancel: DDRep checkpoints the running sample itself (theta, managed noise E, step, snapshots) and resume
// continues it at that step, ending equal to an uninterrupted run (the view generator is replayed, the
// per-step draws are seeded, the inner Adam restarts every step). SDS and SJC keep Adam/Adamax moments
// that tfjs cannot save (Adamax has no getWeights), so their running sample restarts from its seed on
// resume: the result is still the same as an uninterrupted run, only its finished steps are redone.
// Rep field restarts its running sample from its seed too, for every method: its theta is the voxel solver's
// grid, not rep.parameters (empty: tfjs cannot differentiate the marcher), so the DDRep checkpoint above
// would hold nothing to continue from; the finished field samples are kept.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { rigCameraProblem, rigPhotoView, sampleDdrep, type DdrepResumeState, type FieldPhotoView } from '../../../engine/ddrep';
import { DDREP_FIELD_STEPS } from '../../../shared';
import { NodeKernelPool, defaultThreads } from '../../engine-host/node-kernel-pool';
import { disposePriorModel, imagePrior, loadPriorModelFile } from '../../../engine/prior';
import type { RgbImage } from '../../../engine/data/types';
import { writePng } from '../../capture-io';
import { readPhoto, yieldToEventLoop } from '../../generative';
import { FIELD_FRONT_VIEW, buildRep, methodOptions, runMethod, stackImages, tensorToImage } from './ddrep-setup';
import { previewIndices } from './ddrep';
import { previewGrid } from './ddrep-preview';
import { DdrepScenesParamsSchema } from './ddrep-scenes-params';
import { FIELD_SCENE_DIR, FIELD_STEPS_FILE, fieldSampleComplete, readFieldSampleManifest, writeFieldSample } from './ddrep-scenes-field';
import { decodeDdrepScenesState, encodeDdrepScenesState, type FinishedDdrepSample, type PartialDdrepSample } from './ddrep-scenes-state';
import type { Runner, RunnerOutput } from './types';
import type { SceneManifest } from '../../../shared';

export const DDREP_SCENE_FILES = { preview: 'preview.png', steps: 'steps.png' } as const;

/** Pause after each step's preview, ms (about 1% of a SIREN step of the 32 px prior on 2 cores). */
const PREVIEW_SETTLE_MS = 25;

const sampleDir = (jobDir: string, k: number) => join(jobDir, 'ddrep-samples', `sample-${k}`);

export const run: Runner = async (ctx) => {
  const parsed = DdrepScenesParamsSchema.parse(ctx.params);
  const field = parsed.rep === 'field';
  // Field: the engine's step counts (SDS 2,000, SJC 10,000) would take hours there; empty = the studio's field default.
  const p = field && parsed.steps === null ? { ...parsed, steps: DDREP_FIELD_STEPS[parsed.method] } : parsed;
  const { tf } = ctx;
  const groupId = p.groupId ?? basename(ctx.jobDir);
  if (p.photo && p.method !== 'ddrep') throw new Error(`ddrep: photo: inpainting is DDRep's (RePaint); method ${p.method} takes no photo`);
  const modelFile = resolve(p.modelFile);
  if (!existsSync(modelFile)) throw new Error(`ddrep: modelFile: the image prior ${modelFile} is missing (run npm run train:prior)`);
  ctx.progress({ step: 0, total: 1, losses: {}, etaSeconds: null, message: 'loading the prior' });
  const loaded = loadPriorModelFile(tf, new Uint8Array(await readFile(modelFile)), modelFile);
  const threads = field ? (p.threads ?? defaultThreads()) : 1;
  const pool = threads > 1 ? new NodeKernelPool(threads) : undefined;
  try {
    const size = loaded.model.config.unet.imageSize;
    const read = p.photo ? await readPhoto(p.photo, size) : null;
    const photo = read?.image ?? null;
    const photoCamera = field && read ? fieldPhotoCamera(read, p.photo!) : null;
    const options = methodOptions(p);
    const prior = imagePrior(loaded.model);
    const perSample = options.steps;
    const total = p.samples * perSample;
    const snapAt = previewIndices(perSample, p.previewSteps);
    // Siren and field: R x R tiles (the image; the field's front view) with the step snapshots; panorama: the canvas.
    const slots = p.rep === 'panorama' ? 0 : snapAt.size;
    const tile = p.rep === 'panorama' ? { width: 8 * size, height: size } : { width: size, height: size };

    // Resume: keep what a checkpoint of this exact job lists (and whose files still exist).
    const fingerprint = JSON.stringify({ ...p, groupId, model: loaded.checksum });
    const saved = ctx.resumeFrom ? decodeDdrepScenesState(ctx.resumeFrom.bytes) : null;
    const valid = saved && saved.fingerprint === fingerprint ? saved : null;
    const done = new Map<number, FinishedDdrepSample>();
    for (const d of valid?.done ?? []) {
      const dir = sampleDir(ctx.jobDir, d.k);
      if (field ? fieldSampleComplete(dir) : Object.values(DDREP_SCENE_FILES).every((f) => existsSync(join(dir, f)))) done.set(d.k, d);
    }
    let partial: PartialDdrepSample | null = valid?.partial && !done.has(valid.partial.k) ? valid.partial : null;
    const rows = Array.from({ length: p.samples }, (_, k) => ({
      snaps: done.get(k)?.snaps ?? (partial?.k === k ? partial.snaps : []),
      current: done.get(k)?.picture ?? (partial?.k === k ? partial.snaps[partial.snaps.length - 1] ?? null : null),
    }));
    const save = (step: number, running: PartialDdrepSample | null) => ctx.checkpoint(
      encodeDdrepScenesState({ fingerprint, done: [...done.values()].sort((a, b) => a.k - b.k), partial: running }), step,
    );
    const started = Date.now();
    let stepsThisRun = 0;

    for (let k = 0; k < p.samples; k++) {
      if (done.has(k)) continue;
      if (ctx.shouldStop()) return { status: 'stopped' };
      const seed = p.seed + k;
      const s = buildRep(tf, p, size, seed, photo, pool, photoCamera?.view);
      const resumeHere = partial?.k === k ? partial : null;
      const snaps: RgbImage[] = resumeHere ? [...resumeHere.snaps] : [];
      rows[k] = { snaps, current: rows[k].current };
      let noise = null;
      const sampleStarted = Date.now();
      try {
        if (resumeHere) {
          s.rep.parameters.forEach((v, i) => {
            const saved = resumeHere.parameters[i];
            if (!saved || saved.shape.join('x') !== v.shape.join('x')) throw new Error(`ddrep: checkpoint: parameter ${i} of sample ${k} does not fit the representation`);
            tf.tidy(() => v.assign(tf.tensor(saved.data, saved.shape)));
          });
          noise = tf.tensor(resumeHere.noise.data, resumeHere.noise.shape);
        }
        let stopState: PartialDdrepSample | null = null;
        const onStep = async (info: { index: number; total: number; loss: number; unachieved: number }) => {
          // Field: one rendered view (preview(): the front); its 8-view ring picture costs 8 renders a step.
          const pic = tf.tidy(() => (field ? s.preview() : s.picture()));
          const img = tensorToImage(pic);
          pic.dispose();
          if (snapAt.has(info.index)) snaps.push(img);
          rows[k].current = img;
          stepsThisRun += 1;
          const step = done.size * perSample + info.index + 1;
          const perStep = (Date.now() - started) / 1000 / stepsThisRun;
          const losses: Record<string, number> = { loss: info.loss };
          if (Number.isFinite(info.unachieved)) losses.unachieved = info.unachieved;
          ctx.progress({
            step, total, losses, etaSeconds: perStep * (total - step),
            message: `sample ${k + 1}/${p.samples}, step ${info.index + 1}/${info.total}`,
          }, previewGrid(rows, tile, slots));
          // Let the host's stop message in, and give the preview write (PNG encode off-thread, then an
          // atomic write: several event-loop turns) time to land: the host skips previews while one is
          // being written, and the inner fit computes synchronously for seconds, so one turn left the
          // live grid several steps stale.
          await yieldToEventLoop();
          await new Promise((r) => setTimeout(r, PREVIEW_SETTLE_MS));
        };
        const { steps: _steps, ...rest } = options;
        const stats = p.method === 'ddrep' && !field
          ? await sampleDdrep(tf, s.rep, prior, { ...rest, seed } as never, {
            known: s.known, onStep, shouldStop: ctx.shouldStop,
            ...(noise ? { resume: { step: resumeHere!.step, noise } } : {}),
            onStop: (st: DdrepResumeState) => {
              stopState = {
                k, step: st.step, seconds: (resumeHere?.seconds ?? 0) + (Date.now() - sampleStarted) / 1000,
                denoiserCalls: (resumeHere?.denoiserCalls ?? 0),
                parameters: s.rep.parameters.map((v) => ({ shape: [...v.shape], data: v.dataSync().slice() as Float32Array })),
                noise: { shape: [...st.noise.shape], data: st.noise.dataSync().slice() as Float32Array },
                snaps: [...snaps],
              };
            },
          })
          : await runMethod(tf, s, prior, options, seed, { onStep, shouldStop: ctx.shouldStop });
        if (stats.stopped) {
          const st = stopState as PartialDdrepSample | null;
          if (st) st.denoiserCalls += stats.denoiserCalls;
          await save(done.size * perSample + (st?.step ?? 0), st);
          return { status: 'stopped' };
        }
        const pic = tf.tidy(() => (field ? s.preview() : s.picture()));
        const picture = tensorToImage(pic);
        pic.dispose();
        const dir = sampleDir(ctx.jobDir, k);
        await mkdir(dir, { recursive: true });
        const last = stats.unachieved[stats.unachieved.length - 1];
        if (s.field) {
          ctx.progress({ step: (done.size + 1) * perSample, total, losses: {}, etaSeconds: null, message: `sample ${k + 1}/${p.samples}: writing the 3D scene (bake, mesh, GLB)` });
          const { steps: _s, ...method } = options;
          await writeFieldSample(tf, s.field, dir, {
            name: `${p.sceneName} ${k + 1}/${p.samples}`, seed, steps: stats.steps, seconds: (resumeHere?.seconds ?? 0) + stats.seconds, stopped: false,
            metrics: {}, settings: { method: p.method, options: { ...method, seed }, modelChecksum: loaded.checksum, backend: ctx.backend, threads },
          }, snaps);
        } else {
          await writePng(join(dir, DDREP_SCENE_FILES.preview), picture);
          await writePng(join(dir, DDREP_SCENE_FILES.steps), stackImages(snaps, p.rep === 'siren' ? 'horizontal' : 'vertical'));
        }
        done.set(k, {
          k, seed, steps: stats.steps, snaps, picture,
          seconds: (resumeHere?.seconds ?? 0) + stats.seconds,
          denoiserCalls: (resumeHere?.denoiserCalls ?? 0) + stats.denoiserCalls,
          finalLoss: stats.losses[stats.losses.length - 1] ?? NaN,
          finalUnachieved: Number.isFinite(last) ? last : null,
        });
        rows[k] = { snaps, current: picture };
        partial = null;
        await save(done.size * perSample, null);
      } finally {
        noise?.dispose();
        s.dispose();
      }
    }

    await new Promise((r) => setTimeout(r, PREVIEW_SETTLE_MS)); // the last step's preview write, so this one is not skipped
    ctx.progress({ step: total, total, losses: {}, etaSeconds: 0, message: 'writing scenes' }, previewGrid(rows, tile, slots));
    const { steps: _steps, ...methodConfig } = options;
    const outputs: RunnerOutput[] = [];
    for (const d of [...done.values()].sort((a, b) => a.k - b.k)) {
      const out = join(ctx.stagingDir, `scene-${d.k}`);
      // Field: the whole scene folder moves; its writer's manifest gives the files (mesh.glb only if there is
      // a surface), the triangle count and the settings the viewer and export read (res, aabb, rig, ...).
      let written: SceneManifest | null = null;
      if (field) {
        await rename(join(sampleDir(ctx.jobDir, d.k), FIELD_SCENE_DIR), out);
        written = await readFieldSampleManifest(out);
      } else {
        await mkdir(out, { recursive: true });
        for (const f of Object.values(DDREP_SCENE_FILES)) await rename(join(sampleDir(ctx.jobDir, d.k), f), join(out, f));
      }
      outputs.push({
        kind: 'scene', name: `${p.sceneName} ${d.k + 1}/${p.samples}`, dir: `scene-${d.k}`,
        fields: {
          origin: 'sample', representation: field ? 'field' : p.rep === 'siren' ? 'image' : 'panorama', thumbnail: DDREP_SCENE_FILES.preview,
          ...(p.captureId ? { sourceId: p.captureId } : {}),
          files: written ? { ...written.files, steps: FIELD_STEPS_FILE } : { ...DDREP_SCENE_FILES },
          metrics: {
            ...written?.metrics,
            seconds: d.seconds, denoiserCalls: d.denoiserCalls, ...(Number.isFinite(d.finalLoss) ? { finalLoss: d.finalLoss } : {}),
            ...(d.finalUnachieved !== null ? { finalUnachieved: d.finalUnachieved } : {}),
          },
          settings: {
            ...written?.settings,
            generator: 'ddrep', groupId, sampleIndex: d.k, samples: p.samples, method: p.method, rep: p.rep, seed: d.seed, baseSeed: p.seed,
            steps: perSample, guidance: methodConfig.guidance, methodConfig, captureId: p.captureId, imageSize: size,
            modelChecksum: loaded.checksum, modelProvenance: loaded.provenance, previewSteps: [...snapAt].map((i) => i + 1),
            backend: ctx.backend, adapter: ctx.adapter, ...(field ? { threads } : {}),
            ...(photoCamera ? { photoCamera: photoCamera.record } : {}),
          },
        },
      });
    }
    await rm(join(ctx.jobDir, 'ddrep-samples'), { recursive: true, force: true });
    return { status: 'succeeded', summary: { samples: outputs.length, denoiserCalls: [...done.values()].reduce((a, d) => a + d.denoiserCalls, 0) }, outputs };
  } finally {
    disposePriorModel(loaded.model);
    await pool?.dispose();
  }
};

/**
 * Where a field sees its photo: the capture's own pose when it is one of the prior's rig cameras (so the field
 * lines up with the capture), else the front view; `record` says which and why, for the scene's settings.
 */
export function fieldPhotoCamera(read: Awaited<ReturnType<typeof readPhoto>>, file: string): { view: FieldPhotoView; record: Record<string, unknown> } {
  const deg = (r: number) => Math.round((r * 180 / Math.PI) * 100) / 100;
  const problem = read.posed ? rigCameraProblem(read.camera.c2w, read.camera.intrinsics) : null;
  const view = read.posed && !problem ? rigPhotoView(read.camera.c2w, read.camera.intrinsics, file) : FIELD_FRONT_VIEW;
  const source = !read.posed ? 'front view (the photo has no pose)' : problem ? `front view (the capture pose is not one of the prior's rig cameras: ${problem.field}: ${problem.reason})` : 'capture pose';
  return { view, record: { azimuthDeg: deg(view.azimuth), elevationDeg: deg(view.elevation), source } };
}

// DFM denoiser benchmark: one 64x64 denoiser forward (DFM_DEFAULTS) per backend, extrapolated to
// a 50-step DDIM sample (no guidance), plus one training step.
//   npx tsx bench/dfm.ts [--backends wasm,cpu] [--repeats 3] [--no-train]
import type * as tfn from '@tensorflow/tfjs';
import { intrinsicsFromFov, lookAt } from '../src/engine/camera';
import {
  DFM_DEFAULTS, createDfmModel, createDfmTrainer, denoise, dfmTrainStep, disposeConditioning, disposeDfmModel,
  disposeTrainer, prepareConditioning, type DfmTrainExample, type TrainView,
} from '../src/engine/dfm';
import { useBackend, type TestBackend } from '../src/engine/testing/backends';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const backends = arg('backends', 'wasm,cpu').split(',') as TestBackend[];
const repeats = Number(arg('repeats', '3'));
const withTrain = !process.argv.includes('--no-train');
const S = DFM_DEFAULTS.imageSize;

function view(az: number): TrainView {
  const data = new Float32Array(S * S * 3);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.4 * Math.sin(i * 0.37 + az);
  return { image: { width: S, height: S, data }, camera: { intrinsics: intrinsicsFromFov(S, S, 0.8), c2w: lookAt([4 * Math.sin(az), 0.5, 4 * Math.cos(az)], [0, 0, 0]) } };
}

for (const name of backends) {
  const st = await useBackend(name);
  if (!st.ok) { console.log(`${name}: unavailable (${st.reason})`); continue; }
  const tf = st.tf;
  const model = createDfmModel(tf, DFM_DEFAULTS, 0);
  const ctxV = view(0); const tgt = view(1);
  const r = DFM_DEFAULTS.render;
  const ctx = tf.tensor4d(ctxV.image.data, [1, S, S, 3]);
  let t0 = performance.now();
  const cond = prepareConditioning(model, ctx, [ctxV.camera], tgt.camera, { drop: false, training: false, seed: null });
  await cond.detInput.data();
  const condMs = performance.now() - t0;
  const xt = tf.randomNormal([1, S, S, 3], 0, 1, 'float32', 1) as tfn.Tensor4D;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t0 = performance.now();
    const o = denoise(model, cond, xt, 500);
    await o.x0.data();
    times.push(performance.now() - t0);
    tf.dispose([o.x0, o.depth]);
  }
  const best = Math.min(...times);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${name} (${st.adapter}): params ${model.store.count()}, ${S}x${S}, ${r.samples}+${r.importanceSamples} samples/ray, O_det ${S * r.detScale}px x ${r.detSamples} samples`);
  console.log(`  context encode + O_det (once per sample): ${condMs.toFixed(0)} ms`);
  console.log(`  one denoiser forward: best ${best.toFixed(0)} ms, mean ${mean.toFixed(0)} ms over ${repeats}`);
  console.log(`  => 50 DDIM steps (no guidance): ~${((condMs + 50 * mean) / 1000).toFixed(1)} s; with guidance w != 1: ~${((2 * condMs + 100 * mean) / 1000).toFixed(1)} s`);
  disposeConditioning(cond);
  tf.dispose([ctx, xt]);
  if (withTrain) {
    const trainer = createDfmTrainer(model, 0);
    const ex: DfmTrainExample = { context: [ctxV], target: tgt, novel: view(-1) };
    const steps: number[] = [];
    for (let i = 0; i < 2; i++) {
      t0 = performance.now();
      dfmTrainStep(trainer, ex);
      steps.push(performance.now() - t0);
    }
    console.log(`  one DFM train step (24x24 patches, O_det + 2 encoder passes): ${steps.map((s) => s.toFixed(0)).join(', ')} ms`);
    disposeTrainer(trainer);
  }
  disposeDfmModel(model);
}

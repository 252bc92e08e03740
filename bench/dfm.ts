// DFM sampling benchmark, measured end to end (not extrapolated): one 64x64 sample with 50 DDIM
// steps and no guidance (sampleView: context encoding, O_det, the step-invariant target cache and
// all 50 denoiser calls + scheduler steps), per backend. Also the reference (uncached) denoiser
// forward for comparison, the cost of finishing the sampled scene with each pooling (scene.ts
// poolScene) and one render of it, and, unless --no-train, DFM and baseline train steps.
//   npx tsx bench/dfm.ts [--backends wasm,cpu] [--steps 50] [--model resources/models/default-dfm.plxm] [--no-train] [--guidance 1]
import { readFileSync, existsSync } from 'node:fs';
import type * as tfn from '@tensorflow/tfjs';
import { intrinsicsFromFov, lookAt } from '../src/engine/camera';
import {
  DFM_TOY_PRESET, createDfmModel, createDfmTrainer, denoise, deterministicTrainStep, dfmTrainStep, disposeConditioning,
  disposeDfmModel, disposeScene, disposeTrainer, disposeVisibility, loadDfmModelFile, poolScene, prepareConditioning, renderScene, sampleView, SCENE_POOLINGS, type DfmModel,
  type DfmTrainExample, type TrainView,
} from '../src/engine/dfm';
import { useBackend, type TestBackend } from '../src/engine/testing/backends';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const backends = arg('backends', 'wasm').split(',') as TestBackend[];
const steps = Number(arg('steps', '50'));
const guidance = Number(arg('guidance', '1'));
const modelPath = arg('model', '');
const withTrain = !process.argv.includes('--no-train');

function view(az: number, S: number): TrainView {
  const data = new Float32Array(S * S * 3);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.4 * Math.sin(i * 0.37 + az);
  return { image: { width: S, height: S, data }, camera: { intrinsics: intrinsicsFromFov(S, S, 0.7), c2w: lookAt([2.2 * Math.sin(az), 0.6, 2.2 * Math.cos(az)], [0, 0, 0]) } };
}

for (const name of backends) {
  const st = await useBackend(name);
  if (!st.ok) { console.log(`${name}: unavailable (${st.reason})`); continue; }
  const tf = st.tf;
  const model: DfmModel = modelPath && existsSync(modelPath)
    ? loadDfmModelFile(tf, new Uint8Array(readFileSync(modelPath)), { source: modelPath }).model
    : createDfmModel(tf, DFM_TOY_PRESET, 0);
  const c = model.config; const S = c.imageSize; const r = c.render;
  console.log(`${name} (${st.adapter}): params ${model.store.count()}, ${S}x${S}, ${r.samples}+${r.importanceSamples} samples/ray, O_det ${S * r.detScale}px x ${r.detSamples} samples${modelPath ? `, weights ${modelPath}` : ''}`);
  const ctx = view(0, S); const tgt = view(Math.PI, S);
  // Warm-up (kernel compilation) with 2 steps, then the measured end-to-end sample.
  disposeScene((await sampleView(model, [ctx], tgt.camera, { seed: 0, sampler: { steps: 2 }, guidance })).scene);
  const before = tf.memory().numTensors;
  let t0 = performance.now();
  const s = await sampleView(model, [ctx], tgt.camera, { seed: 1, sampler: { steps }, guidance });
  const total = (performance.now() - t0) / 1000;
  console.log(`  END-TO-END one ${S}x${S} sample, ${steps} DDIM steps, guidance ${guidance}: ${total.toFixed(1)} s (${((1000 * total) / steps).toFixed(0)} ms/step incl. setup)`);
  // Finishing the sampled scene (photo + generated view) with each pooling, then one render from a new pose.
  for (const pooling of SCENE_POOLINGS) {
    t0 = performance.now();
    const pooled = poolScene(model, s.scene, pooling);
    const prepare = performance.now() - t0;
    renderScene(model, pooled, view(Math.PI / 2, S).camera);
    const render = performance.now() - t0 - prepare;
    console.log(`  finish with ${pooling} pooling: ${prepare.toFixed(0)} ms to prepare, ${render.toFixed(0)} ms per ${S}x${S} render`);
    disposeVisibility(pooled); // keeps the sampled scene itself for the next pooling
  }
  disposeScene(s.scene);
  console.log(`  tensors leaked by sampling and finishing: ${tf.memory().numTensors - before}`);
  // Reference path: one uncached denoiser forward.
  const ctxT = tf.tensor4d(ctx.image.data, [1, S, S, 3]);
  const cond = prepareConditioning(model, ctxT, [ctx.camera], tgt.camera, { drop: false, training: false, seed: null });
  const xt = tf.randomNormal([1, S, S, 3], 0, 1, 'float32', 1) as tfn.Tensor4D;
  t0 = performance.now();
  const o = denoise(model, cond, xt, 500);
  await o.x0.data();
  console.log(`  reference (uncached) denoiser forward: ${(performance.now() - t0).toFixed(0)} ms/step`);
  tf.dispose([o.x0, o.depth, ctxT, xt]);
  disposeConditioning(cond);
  if (withTrain) {
    const trainer = createDfmTrainer(model, 0);
    trainer.step = c.train.warmupSteps; // past the deterministic warm-up
    const ex: DfmTrainExample = { context: [ctx], target: tgt, novel: view(1, S) };
    const times = (fn: () => void) => [0, 1, 2].map(() => { const a = performance.now(); fn(); return performance.now() - a; });
    const d = times(() => dfmTrainStep(trainer, ex));
    const b = times(() => deterministicTrainStep(trainer, ex));
    console.log(`  train step (24x24 patches): DFM ${d.map((x) => x.toFixed(0)).join(', ')} ms; baseline ${b.map((x) => x.toFixed(0)).join(', ')} ms`);
    disposeTrainer(trainer);
  }
  disposeDfmModel(model);
}

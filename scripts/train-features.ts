// Train the KID feature extractor (src/engine/eval/kid, issue 17) on renders of the procedural toy
// category and write it with its provenance and yardstick figures:
//
//   npx tsx scripts/train-features.ts [--train-scenes 500] [--test-scenes 50] [--steps 1500] [--batch 32]
//        [--lr 0.002] [--seed 0] [--minutes 0] [--backend wasm] [--out resources/models/kid-features.plxm] [--evaluate-only]
//
// Data: train-split scenes of generateDataset's seed `--seed` (all 8 views each, 32x32, ray traced at
// 32 with 3x3 supersampling), held-out: test-split scenes of the same dataset seed (all views). Seeded
// (data, init, minibatches); one tfjs wasm thread. Not resumable; the model file is written
// atomically (temp + fsync + rename) every 100 steps and at the end. --minutes > 0 stops training
// early when that much time has passed since the script started (rendering included) (on a shared, overloaded machine): the file then records the steps
// actually run and that the cosine schedule (planned for --steps) was cut short.
// The yardstick the prior's KID is compared with (printed and stored in the provenance), on sets of
// ONE view per scene (i.i.d. images, render-set.ts): KID of 200 held-out renders vs 200 train renders,
// vs 200 other held-out renders, and vs blurred / colour-shifted copies of the train renders.
// --evaluate-only: load --out, recompute the held-out regression error and the yardstick, and rewrite
// the file with the same weights and the updated provenance (training keys kept).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelProvenance } from '../src/engine/model-file';
import type { Tf } from '../src/engine/tf';
import {
  colourShiftSet, createKidFeatureTrainer, encodeKidFeatureFile, extractFeatures, gaussianBlurSet, kernelInceptionDistance,
  kidFeatureTrainStep, loadKidFeatureFile, meanPairwiseDistance, regressionError, renderCategorySet, standardise,
  type KidFeatureNet, type RenderSet,
} from '../src/engine/eval/kid';
import { selectBackend, type BackendChoice } from '../src/main/engine-host/backend-select';

const SCRIPT = 'scripts/train-features.ts';
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const num = (name: string, fallback: number, integer = true): number => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new Error(`${SCRIPT}: --${name} must be a positive ${integer ? 'integer' : 'number'}, got ${arg(name, '')}`);
  return v;
};
const trainScenes = num('train-scenes', 500);
const testScenes = num('test-scenes', 50);
const steps = num('steps', 1500);
const batch = num('batch', 32);
const lr = num('lr', 0.002, false);
const seed = Number(arg('seed', '0'));
if (!Number.isInteger(seed) || seed < 0) throw new Error(`${SCRIPT}: --seed must be a non-negative integer, got ${arg('seed', '')}`);
const out = arg('out', 'resources/models/kid-features.plxm');
const evaluateOnly = process.argv.includes('--evaluate-only');
const minutes = Number(arg('minutes', '0'));
if (!(minutes >= 0)) throw new Error(`${SCRIPT}: --minutes must be a number >= 0, got ${arg('minutes', '')}`);
if (testScenes < 50) throw new Error(`${SCRIPT}: --test-scenes must be >= 50 (two disjoint 200-image held-out sets), got ${testScenes}`);

function atomicWrite(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  const fd = openSync(tmp, 'r');
  fsyncSync(fd); closeSync(fd);
  renameSync(tmp, file);
}

const round = (v: number, digits = 5) => Number(v.toPrecision(digits));

/** Held-out regression error and the KID yardstick of a trained extractor (see the header). */
interface EvalSets { test: RenderSet; trainSample: RenderSet; heldImgsA: Float32Array; heldImgsB: Float32Array; trainImgs: Float32Array }

function renderEvalSets(): EvalSets {
  const t0 = Date.now();
  const one = (split: 'train' | 'test', skipScenes: number) => renderCategorySet({ split, scenes: 200, seed, views: 'one', skipScenes }).images;
  const sets = {
    test: renderCategorySet({ split: 'test', scenes: testScenes, seed, views: 'all' }),
    trainSample: renderCategorySet({ split: 'train', scenes: 25, seed, views: 'all' }),
    heldImgsA: one('test', 0), heldImgsB: one('test', 200), trainImgs: one('train', 0),
  };
  console.log(`rendered the evaluation sets (${testScenes} + 25 scenes x 8 views, 3 x 200 one-view sets) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return sets;
}

function evaluate(tf: Tf, net: KidFeatureNet, { test, trainSample, heldImgsA, heldImgsB, trainImgs }: EvalSets): Record<string, unknown> {
  const heldOut = regressionError(tf, net, test);
  const trainErr = regressionError(tf, net, trainSample);
  console.log(`held-out MSE ${heldOut.mse.toFixed(4)} vs constant ${heldOut.constantMse.toFixed(4)} (train sample ${trainErr.mse.toFixed(4)}), standardised units`);
  for (const [name, e, c] of heldOut.perTarget) console.log(`  ${name.padEnd(20)} ${e.toFixed(3)}  (constant ${c.toFixed(3)})`);
  const dim = net.config.featureDim;
  const feats = (images: Float32Array) => extractFeatures(tf, net, images, 32);
  const heldA = feats(heldImgsA);
  const kid = (b: Float32Array) => {
    const r = kernelInceptionDistance(heldA, feats(b), dim);
    return { mean: round(r.mean), std: round(r.std), full: round(r.full) };
  };
  const yardstick = {
    sets: `200 vs 200 renders, one view per scene, dataset seed ${seed}; held-out = test-split scenes 0-199, other held-out = 200-399, train = train-split scenes 0-199`,
    subsets: '100 subsets of 100',
    heldOutVsTrain: kid(trainImgs),
    heldOutVsHeldOut: kid(heldImgsB),
    heldOutVsTrainBlur05: kid(gaussianBlurSet(trainImgs, 32, 0.5)),
    heldOutVsTrainBlur1: kid(gaussianBlurSet(trainImgs, 32, 1)),
    heldOutVsTrainBlur2: kid(gaussianBlurSet(trainImgs, 32, 2)),
    heldOutVsTrainColourShift: kid(colourShiftSet(trainImgs, 32, [0.1, -0.05, -0.1])),
    heldOutFeatureDiversity: round(meanPairwiseDistance(heldA, dim)),
  };
  console.log(JSON.stringify(yardstick, null, 2));
  return {
    featureDim: dim,
    heldOutRegression: {
      mse: round(heldOut.mse), constantMse: round(heldOut.constantMse), trainSampleMse: round(trainErr.mse),
      set: `${test.count} views of ${test.options.scenes} test-split scenes`, units: 'standardised targets (train mean/std)',
    },
    yardstick,
    evaluatedAt: new Date().toISOString(),
  };
}

function write(bytes: Uint8Array): void {
  mkdirSync(path.dirname(out), { recursive: true });
  atomicWrite(out, bytes);
  console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}

async function main(): Promise<void> {
  const start = Date.now();
  const { tf, backend, adapter } = await selectBackend(arg('backend', 'wasm') as BackendChoice);
  const evalSets = renderEvalSets();
  if (evaluateOnly) {
    const loaded = loadKidFeatureFile(tf, new Uint8Array(readFileSync(out)), out);
    const provenance: ModelProvenance = { ...loaded.provenance, ...evaluate(tf, loaded.net, evalSets) };
    write(encodeKidFeatureFile(loaded.net, provenance));
    return;
  }
  const hardware = `${os.cpus().length}-core ${os.cpus()[0]?.model ?? os.arch()} (one core used), tfjs ${backend}: ${adapter}`;
  const engineVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  let t0 = Date.now();
  const train = renderCategorySet({ split: 'train', scenes: trainScenes, seed, views: 'all' });
  console.log(`rendered ${train.count} train views (32x32) in ${((Date.now() - t0) / 1000).toFixed(1)} s; backend ${backend} (${adapter})`);

  t0 = Date.now();
  const deadline = minutes > 0 ? start + minutes * 60_000 : Infinity; // from the script's start, rendering included
  const tr = createKidFeatureTrainer(tf, train, { steps, batch, learningRate: lr, seed });
  const ys = standardise(train.targets, tr.net.config);
  const provenance = (seconds: number): ModelProvenance => ({
    dataset: `procedural toy category (src/engine/eval/kid renderCategorySet): ${trainScenes} train-split scenes x 8 views, 32x32, dataset seed ${seed}; held out: ${testScenes} test-split scenes`,
    seed, steps: tr.step, wallTimeSeconds: Math.round(seconds), hardware, engineVersion, createdAt: new Date().toISOString(), script: SCRIPT,
    batch, learningRate: lr, plannedSteps: steps,
    learningRateSchedule: `cosine from ${lr} to 5% over ${steps} steps (feature-train.ts learningRateAt)${tr.step < steps ? `, cut short at step ${tr.step} by --minutes ${minutes}` : ''}`,
  });
  let avg = 0;
  while (tr.step < steps && Date.now() < deadline) {
    avg += kidFeatureTrainStep(tf, tr, train, ys);
    if (tr.step % 100 === 0) {
      const s = (Date.now() - t0) / 1000;
      console.log(`step ${tr.step}/${steps} loss ${(avg / 100).toFixed(4)} (${(s / tr.step).toFixed(3)} s/step)`);
      avg = 0;
      write(encodeKidFeatureFile(tr.net, provenance(s)));
    }
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`trained ${tr.step} steps in ${seconds.toFixed(0)} s`);
  write(encodeKidFeatureFile(tr.net, { ...provenance(seconds), ...evaluate(tf, tr.net, evalSets) }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

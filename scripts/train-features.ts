// Train the KID feature extractor (src/engine/eval/kid, issue 17) on renders of the procedural toy
// category and write it with its provenance and yardstick figures:
//
//   npx tsx scripts/train-features.ts [--train-scenes 500] [--test-scenes 50] [--steps 2500] [--batch 32]
//        [--lr 0.002] [--seed 0] [--backend wasm] [--out resources/models/kid-features.plxm]
//
// Data: train-split scenes of generateDataset's seed `--seed` (8 views each, 32x32, ray traced at 32
// with 3x3 supersampling), held-out: test-split scenes of the same dataset seed. Seeded (data, init,
// minibatches); one tfjs wasm thread. Not resumable (a run takes minutes); the model file is written
// atomically (temp + fsync + rename) at the end.
// The yardstick the prior's KID is compared with (printed and stored in the provenance): KID of 200
// held-out renders vs 200 train renders, vs 200 other held-out renders, and vs blurred / colour-shifted
// copies of the train renders.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  colourShiftSet, createKidFeatureTrainer, encodeKidFeatureFile, extractFeatures, gaussianBlurSet, kernelInceptionDistance,
  kidFeatureTrainStep, meanPairwiseDistance, regressionError, renderCategorySet, standardise, type RenderSet,
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
const steps = num('steps', 2500);
const batch = num('batch', 32);
const lr = num('lr', 0.002, false);
const seed = Number(arg('seed', '0'));
if (!Number.isInteger(seed) || seed < 0) throw new Error(`${SCRIPT}: --seed must be a non-negative integer, got ${arg('seed', '')}`);
const out = arg('out', 'resources/models/kid-features.plxm');
if (testScenes < 50) throw new Error(`${SCRIPT}: --test-scenes must be >= 50 (two disjoint 200-image held-out sets), got ${testScenes}`);

function atomicWrite(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  const fd = openSync(tmp, 'r');
  fsyncSync(fd); closeSync(fd);
  renameSync(tmp, file);
}

const firstImages = (set: RenderSet, from: number, count: number) => set.images.slice(from * set.size * set.size * 3, (from + count) * set.size * set.size * 3);
const round = (v: number, digits = 5) => Number(v.toPrecision(digits));

async function main(): Promise<void> {
  const { tf, backend, adapter } = await selectBackend(arg('backend', 'wasm') as BackendChoice);
  const hardware = `${os.cpus().length}-core ${os.cpus()[0]?.model ?? os.arch()} (one core used), tfjs ${backend}: ${adapter}`;
  const engineVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  let t0 = Date.now();
  const train = renderCategorySet({ split: 'train', scenes: trainScenes, seed, resolution: 32, renderResolution: 32 });
  const test = renderCategorySet({ split: 'test', scenes: testScenes, seed, resolution: 32, renderResolution: 32 });
  console.log(`rendered ${train.count} train + ${test.count} held-out views (32x32) in ${((Date.now() - t0) / 1000).toFixed(1)} s; backend ${backend} (${adapter})`);

  t0 = Date.now();
  const tr = createKidFeatureTrainer(tf, train, { steps, batch, learningRate: lr, seed });
  const ys = standardise(train.targets, tr.net.config);
  let avg = 0;
  while (tr.step < steps) {
    const loss = kidFeatureTrainStep(tf, tr, train, ys);
    avg += loss;
    if (tr.step % 100 === 0) {
      const s = (Date.now() - t0) / 1000;
      console.log(`step ${tr.step}/${steps} loss ${(avg / 100).toFixed(4)} (${(s / tr.step).toFixed(3)} s/step)`);
      avg = 0;
    }
    if (tr.step % 1000 === 0 || tr.step === steps) {
      const e = regressionError(tf, tr.net, test);
      console.log(`  held-out MSE ${e.mse.toFixed(4)} (constant predictor ${e.constantMse.toFixed(4)})`);
    }
  }
  const seconds = (Date.now() - t0) / 1000;
  const heldOut = regressionError(tf, tr.net, test);
  const trainErr = regressionError(tf, tr.net, { ...train, count: 400, images: firstImages(train, 0, 400), targets: train.targets.slice(0, 400 * tr.net.config.targetNames.length) });
  console.log(`trained ${steps} steps in ${seconds.toFixed(0)} s; held-out MSE ${heldOut.mse.toFixed(4)} vs constant ${heldOut.constantMse.toFixed(4)} (train ${trainErr.mse.toFixed(4)})`);
  for (const [name, e, c] of heldOut.perTarget) console.log(`  ${name.padEnd(20)} ${e.toFixed(3)}  (constant ${c.toFixed(3)})`);

  // Yardstick: 200 vs 200 (25 scenes x 8 views each).
  const dim = tr.net.config.featureDim;
  const feats = (images: Float32Array) => extractFeatures(tf, tr.net, images, 32);
  const heldA = feats(firstImages(test, 0, 200));
  const heldB = feats(firstImages(test, 200, 200));
  const trainImgs = firstImages(train, 0, 200);
  const kid = (a: Float32Array, b: Float32Array) => {
    const r = kernelInceptionDistance(a, b, dim);
    return { mean: round(r.mean), std: round(r.std), full: round(r.full) };
  };
  const yardstick = {
    subsets: '100 subsets of 100 (of 200 vs 200)',
    heldOutVsTrain: kid(heldA, feats(trainImgs)),
    heldOutVsHeldOut: kid(heldA, heldB),
    heldOutVsTrainBlur05: kid(heldA, feats(gaussianBlurSet(trainImgs, 32, 0.5))),
    heldOutVsTrainBlur1: kid(heldA, feats(gaussianBlurSet(trainImgs, 32, 1))),
    heldOutVsTrainBlur2: kid(heldA, feats(gaussianBlurSet(trainImgs, 32, 2))),
    heldOutVsTrainColourShift: kid(heldA, feats(colourShiftSet(trainImgs, 32, [0.1, -0.05, -0.1]))),
    heldOutDiversity: round(meanPairwiseDistance(heldA, dim)),
  };
  console.log(JSON.stringify(yardstick, null, 2));

  const bytes = encodeKidFeatureFile(tr.net, {
    dataset: `procedural toy category (src/engine/eval/kid renderCategorySet): ${trainScenes} train-split scenes x 8 views, 32x32, dataset seed ${seed}; held out: ${testScenes} test-split scenes`,
    seed, steps, wallTimeSeconds: Math.round(seconds), hardware, engineVersion, createdAt: new Date().toISOString(), script: SCRIPT,
    batch, learningRate: lr, featureDim: dim,
    heldOutRegression: { mse: round(heldOut.mse), constantMse: round(heldOut.constantMse), trainMse: round(trainErr.mse), units: 'standardised targets (train mean/std)' },
    yardstick,
  });
  mkdirSync(path.dirname(out), { recursive: true });
  atomicWrite(out, bytes);
  console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

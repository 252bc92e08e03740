// Train the shipped image diffusion prior of DDRep/SDS/SJC (issue 17, "The prior"): the conditional UNet of
// src/engine/prior on 32x32 renders of the procedural toy category, seeded and exactly resumable across
// sessions (kill it any time; run it again and it continues bit-exactly where the last checkpoint left it).
//
//   npx tsx scripts/train-prior.ts [--minutes 60] [--steps 20000] [--batch 8] [--scenes 1024] [--views 8]
//        [--seed 0] [--every 100] [--state resources/models/prior-state] [--out resources/models] [--backend wasm]
//
// Writes atomically every --every steps and at exit (also on SIGINT/SIGTERM: the current step finishes,
// everything is saved, the process exits 0): <out>/default-prior.plxm (EMA weights, provenance),
// <state>/prior.ckpt (weights, Adam moments, EMA, step, RNG state), <state>/state.json (cumulative training
// seconds, config, dataset, batch), <state>/log.jsonl (mean loss of every 10 steps). Single-threaded: tfjs
// wasm uses one core. The rendered dataset is cached in the OS temp folder (it is deterministic; ~25 ms a render).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, crcHex } from '../src/engine/checksum';
import {
  PRIOR_DEFAULTS, createPriorModel, createPriorTrainer, encodePriorModelFile, parameterCount, priorImages, priorTrainStep,
  restorePriorTrainer, serializePriorTrainer, type PriorImages,
} from '../src/engine/prior';
import { selectBackend, type BackendChoice } from '../src/main/engine-host/backend-select';

const SCRIPT = 'scripts/train-prior.ts';
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const num = (name: string, fallback: number, min = 0): number => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v < min) throw new Error(`${SCRIPT}: --${name} must be a number >= ${min}, got ${arg(name, '')}`);
  return v;
};
const minutes = num('minutes', 60);
const maxSteps = num('steps', 20000);
const batch = num('batch', 8, 1);
const scenes = num('scenes', 1024, 1);
const views = num('views', 8, 1);
const seed = num('seed', 0);
const every = Math.max(1, num('every', 100));
const stateDir = arg('state', 'resources/models/prior-state');
const outDir = arg('out', 'resources/models');
const DATASET = `procedural toy category (src/engine/prior/data.ts priorImages), ${scenes} train scenes x ${views} random views `
  + `(azimuth U[0, 360), elevation U[0, 35] deg), 32x32, seed ${seed}`;

function atomicWrite(file: string, bytes: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  const fd = openSync(tmp, 'r');
  fsyncSync(fd); closeSync(fd);
  renameSync(tmp, file);
}

/** The rendered training set, from the temp-folder cache when its key matches. */
function loadData(): PriorImages {
  const key = crcHex(crc32(new TextEncoder().encode(DATASET)));
  const cache = path.join(os.tmpdir(), `parallax-prior-data-${key}.bin`);
  const count = scenes * views;
  const px = 32 * 32 * 3;
  if (existsSync(cache)) {
    const buf = readFileSync(cache);
    const meta = JSON.parse(buf.subarray(8, 8 + buf.readUInt32LE(0)).toString('utf8')) as { dataset: string; conds: number[][]; sceneSeeds: number[] };
    const off = 8 + buf.readUInt32LE(0);
    if (meta.dataset === DATASET && buf.length === off + count * px * 4) {
      const images = new Float32Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + count * px * 4));
      return { images, conds: meta.conds, sceneSeeds: meta.sceneSeeds, count, resolution: 32 };
    }
  }
  const t0 = Date.now();
  const d = priorImages({ count, seed, split: 'train', viewsPerScene: views, resolution: 32 });
  console.log(`rendered ${count} images in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const meta = Buffer.from(JSON.stringify({ dataset: DATASET, conds: d.conds, sceneSeeds: d.sceneSeeds }), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(meta.length, 0);
  const pad = Buffer.alloc((4 - ((8 + meta.length) % 4)) % 4, 0x20);
  const metaPadded = Buffer.concat([meta, pad]);
  head.writeUInt32LE(metaPadded.length, 0);
  atomicWrite(cache, Buffer.concat([head, metaPadded, Buffer.from(new Uint8Array(d.images.buffer as ArrayBuffer, d.images.byteOffset, d.images.byteLength))]));
  return d;
}

interface RunState { seconds: number; config: string; dataset: string; batch: number }

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const { tf, backend, adapter } = await selectBackend(arg('backend', 'wasm') as BackendChoice);
  const hardware = `${os.cpus().length}-core ${os.cpus()[0]?.model ?? os.arch()} (one core used), tfjs ${backend}: ${adapter}`;
  const engineVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const start = Date.now();
  const data = loadData();

  const statePath = path.join(stateDir, 'state.json');
  const ckptPath = path.join(stateDir, 'prior.ckpt');
  const cfgJson = JSON.stringify(PRIOR_DEFAULTS);
  const state: RunState = existsSync(statePath)
    ? JSON.parse(readFileSync(statePath, 'utf8')) as RunState
    : { seconds: 0, config: cfgJson, dataset: DATASET, batch };
  if (state.config !== cfgJson) throw new Error(`${SCRIPT}: ${statePath} was made with another config; delete ${stateDir} to start over`);
  if (state.dataset !== DATASET) throw new Error(`${SCRIPT}: ${statePath} was made on "${state.dataset}", not "${DATASET}" (check --scenes, --views, --seed)`);
  if (state.batch !== batch) throw new Error(`${SCRIPT}: ${statePath} was trained with --batch ${state.batch}, not ${batch} (an exact resume needs the same batch)`);

  const model = createPriorModel(tf, PRIOR_DEFAULTS, seed);
  const trainer = createPriorTrainer(model, seed);
  if (existsSync(ckptPath)) {
    restorePriorTrainer(trainer, new Uint8Array(readFileSync(ckptPath)), ckptPath);
    console.log(`resumed at step ${trainer.step} (${(state.seconds / 60).toFixed(1)} min trained so far)`);
  }
  console.log(`prior: ${parameterCount(model)} parameters, batch ${batch}, backend ${backend} (${adapter}); data ${data.count} images `
    + `ready in ${((Date.now() - start) / 1000).toFixed(1)} s`);

  let stop = false;
  const onSignal = (sig: string) => { console.log(`${sig}: saving after the current step`); stop = true; };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  let since = Date.now();
  const save = () => {
    state.seconds += (Date.now() - since) / 1000;
    since = Date.now();
    atomicWrite(ckptPath, serializePriorTrainer(trainer, { script: SCRIPT, seconds: state.seconds }));
    const bytes = encodePriorModelFile(model, {
      dataset: DATASET, seed, steps: trainer.step, wallTimeSeconds: Math.round(state.seconds), hardware, engineVersion,
      createdAt: new Date().toISOString(), script: SCRIPT, batch, parameters: parameterCount(model), weights: 'EMA',
      emaDecay: model.config.train.emaDecay,
      // Steps 1-900 of the shipped state averaged with a constant 0.999 (41 % of the initial weights were left at
      // step 900); from then on every update uses the warm-up, which forgets them within a few hundred steps.
      emaWarmup: `min(${model.config.train.emaDecay}, 1 - (1 + step)^(-2/3)) (ema_pytorch's warm-up), from step 900 of the shipped run`,
    }, trainer.ema.snapshot());
    atomicWrite(path.join(outDir, 'default-prior.plxm'), bytes);
    atomicWrite(statePath, JSON.stringify(state));
    console.log(`checkpoint: step ${trainer.step} (${(state.seconds / 60).toFixed(1)} min)`);
  };
  const deadline = start + minutes * 60_000;
  let acc = 0; let n = 0; let t10 = Date.now();
  while (!stop && Date.now() < deadline && trainer.step < maxSteps) {
    const r = priorTrainStep(trainer, data, batch);
    acc += r.loss; n++;
    if (r.step % 10 === 0) {
      const rec = { time: new Date().toISOString(), step: r.step, loss: acc / n, lr: r.learningRate, secondsPerStep: (Date.now() - t10) / 1000 / n };
      appendFileSync(path.join(stateDir, 'log.jsonl'), `${JSON.stringify(rec)}\n`);
      console.log(`step ${r.step} loss ${(acc / n).toFixed(4)} lr ${r.learningRate.toExponential(2)} ${rec.secondsPerStep.toFixed(2)} s/step`);
      acc = 0; n = 0; t10 = Date.now();
    }
    if (r.step % every === 0) save();
    await new Promise((resolve) => setImmediate(resolve)); // let SIGINT/SIGTERM handlers run between steps
  }
  save();
  console.log(`done for now: step ${trainer.step}/${maxSteps}`);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

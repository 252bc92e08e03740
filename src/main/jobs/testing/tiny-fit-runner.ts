// Test runner: a real, small TensorFlow.js optimisation (a 2-layer MLP fitted to an 8x8
// procedural image with Adam) with real checkpoints (parameters + Adam moments + step).
// Tests inject it through the dispatcher's registry; options steer failure modes:
//   steps, checkpointEvery, stepDelayMs, fail: 'throw'|'exit'|'abort'|'oom', failAtStep, failOnce;
//   outputKind (default 'scene') names the item kind it reports, to test the manager's check.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RgbImage } from '../../../engine/data/types';
import type { Runner, RunnerContext } from '../runners/types';

const SIDE = 8;
const HIDDEN = 16;

function target(): Float32Array {
  const out = new Float32Array(SIDE * SIDE * 3);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const i = (y * SIDE + x) * 3;
      out[i] = x / (SIDE - 1);
      out[i + 1] = y / (SIDE - 1);
      out[i + 2] = 0.5 + 0.5 * Math.sin(x + y);
    }
  }
  return out;
}

function fail(ctx: RunnerContext, step: number): void {
  const o = ctx.options;
  if (!o.fail || step !== Number(o.failAtStep ?? 0)) return;
  const marker = join(ctx.jobDir, 'failed-once');
  if (o.failOnce) {
    if (existsSync(marker)) return;
    writeFileSync(marker, String(step));
  }
  if (o.fail === 'throw') throw new Error(`tiny-fit: deliberate failure at step ${step}`);
  if (o.fail === 'exit') process.exit(7);
  if (o.fail === 'abort') process.abort(); // a native abort (only possible in a worker process)
  if (o.fail === 'oom') {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1 << 20).fill(step));
  }
}

export const run: Runner = async (ctx) => {
  const { tf } = ctx;
  const steps = Number(ctx.options.steps ?? 40);
  const every = Number(ctx.options.checkpointEvery ?? 10);
  const delay = Number(ctx.options.stepDelayMs ?? 0);
  const coords = tf.tensor2d(Array.from({ length: SIDE * SIDE }, (_, i) => [(i % SIDE) / SIDE, Math.floor(i / SIDE) / SIDE]).flat(), [SIDE * SIDE, 2]);
  const y = tf.tensor2d(target(), [SIDE * SIDE, 3]); // [64, 3]
  const rand = (shape: [number, number], seed: number) => tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', seed));
  const vars = [rand([2, HIDDEN], 1), tf.variable(tf.zeros([HIDDEN])), rand([HIDDEN, 3], 2), tf.variable(tf.zeros([3]))];
  const opt = tf.train.adam(0.05);
  const predict = () => tf.sigmoid(tf.relu(coords.matMul(vars[0]).add(vars[1])).matMul(vars[2]).add(vars[3])); // [64, 3]
  const lossFn = () => tf.losses.meanSquaredError(y, predict()) as import('@tensorflow/tfjs').Scalar;

  let step = 0;
  if (ctx.resumeFrom) {
    const state = JSON.parse(new TextDecoder().decode(ctx.resumeFrom.bytes)) as { step: number; vars: number[][]; opt: { name: string; v: number[]; shape: number[] }[] };
    step = state.step;
    state.vars.forEach((v, i) => vars[i].assign(tf.tensor(v, vars[i].shape)));
    await opt.setWeights(state.opt.map((w) => ({ name: w.name, tensor: tf.tensor(w.v, w.shape) })));
  }
  const checkpoint = async () => {
    const weights = await opt.getWeights();
    const state = {
      step,
      vars: await Promise.all(vars.map(async (v) => Array.from(await v.data()))),
      opt: await Promise.all(weights.map(async (w) => ({ name: w.name, v: Array.from(await w.tensor.data()), shape: w.tensor.shape }))),
    };
    await ctx.checkpoint(new TextEncoder().encode(JSON.stringify(state)), step);
  };
  const started = Date.now();
  const startStep = step;
  let loss = NaN;
  try {
    while (step < steps) {
      if (ctx.shouldStop()) {
        await checkpoint();
        return { status: 'stopped' };
      }
      fail(ctx, step);
      const l = opt.minimize(lossFn, true, vars) as import('@tensorflow/tfjs').Scalar;
      loss = (await l.data())[0];
      l.dispose();
      step++;
      const perStep = (Date.now() - started) / Math.max(1, step - startStep) / 1000;
      const img = tf.tidy(() => predict().dataSync() as Float32Array);
      const preview: RgbImage = { width: SIDE, height: SIDE, data: Float32Array.from(img) };
      ctx.progress({ step, total: steps, losses: { loss }, etaSeconds: perStep * (steps - step) }, preview);
      if (step % every === 0) await checkpoint();
      if (delay) await new Promise((r) => setTimeout(r, delay));
    }
    const outDir = join(ctx.stagingDir, 'scene');
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'field.json'), JSON.stringify({ vars: await Promise.all(vars.map(async (v) => Array.from(await v.data()))) }));
    return {
      status: 'succeeded',
      summary: { loss, steps: step, resumedFrom: startStep },
      outputs: [{
        kind: (ctx.options.outputKind as 'scene' | 'model' | undefined) ?? 'scene', name: 'Tiny fit', dir: 'scene',
        fields: { origin: 'reconstruction', files: { field: 'field.json' }, metrics: { loss, resumedFrom: startStep } },
      }],
    };
  } finally {
    tf.dispose([coords, y, ...vars]);
    opt.dispose();
  }
};

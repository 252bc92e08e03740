// What the compute host's fitting jobs (tiny-field-job, volume-fit-job) share: seeded He-initialised
// variables, and the Adam step loop with stop requests, per-step progress (loss, PSNR, ETA) and the
// result record with its tensor-leak count. Each job supplies only its model and its loss.
import type * as tfNs from '@tensorflow/tfjs';
import { tfSeed } from '../../engine/tf';
import type { ComputeProgress, ComputeResult } from '../../shared/compute-protocol';

type Tf = typeof tfNs;

export interface JobHooks {
  progress(p: ComputeProgress): void;
  shouldStop(): boolean;
}

export type FitResult = Pick<ComputeResult, 'status' | 'steps' | 'losses' | 'leakedTensors'>;

/** Trainable variables; tf.variable keeps its initial tensor alive, so each initialiser is disposed. */
export function variableFactory(tf: Tf) {
  const fromInitial = (initial: tfNs.Tensor): tfNs.Variable => {
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  return {
    /** He-normal weights [fanIn, fanOut]; tfSeed keeps seed 0 reproducible. */
    he: (shape: [number, number], seed: number) => fromInitial(tf.randomNormal(shape, 0, Math.sqrt(2 / shape[0]), 'float32', tfSeed(seed))),
    zeros: (size: number) => fromInitial(tf.zeros([size])),
  };
}

const lossRecord = (loss: number) => ({ loss, psnr: -10 * Math.log10(Math.max(loss, 1e-10)) });

export interface FitLoop {
  steps: number;
  hooks: JobHooks;
  /** Performs step `index` and returns its loss. */
  step(index: number): Promise<number>;
  /** Frees the job's tensors; runs before the leak count is taken, also when a step throws. */
  dispose(): void;
  /** tf.memory().numTensors before the job created anything. */
  tensorsBefore: number;
}

/** Run the loop's steps; stops early when hooks.shouldStop() says so. */
export async function runFitLoop(tf: Tf, loop: FitLoop): Promise<FitResult> {
  const { steps, hooks } = loop;
  const started = performance.now();
  let done = 0;
  let loss = Number.NaN;
  let status: ComputeResult['status'] = 'succeeded';
  try {
    while (done < steps) {
      if (hooks.shouldStop()) {
        status = 'stopped';
        break;
      }
      loss = await loop.step(done);
      done++;
      const perStep = (performance.now() - started) / 1000 / done;
      hooks.progress({ step: done, total: steps, losses: lossRecord(loss), etaSeconds: perStep * (steps - done) });
      // Yield so cancel messages are delivered between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    loop.dispose();
  }
  return { status, steps: done, losses: lossRecord(loss), leakedTensors: tf.memory().numTensors - loop.tensorsBefore };
}

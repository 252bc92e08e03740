// Generic reverse-process loop: x_T ~ N(0, I); for each grid timestep, x0 = denoise(x_t, t)
// (DFM Eq. 4-5: the denoiser renders), then the scheduler steps to x_prev (Eq. 6).
// The loop owns every tensor it creates; the caller owns the returned tensor.
import { tfSeed, type Tf, type Tensor } from '../tf';
import type { Scheduler } from './types';

export interface SampleLoopOptions {
  /** Shape of the sample, e.g. [1, H, W, 3]. */
  shape: number[];
  /** Seed of the initial noise and of every injected noise draw. */
  seed: number;
  /** Optional starting x_T (not disposed); else standard normal noise. */
  initial?: Tensor;
  /** Called after each step with the step index, timestep and x0 estimate (valid only during the call). */
  onStep?(index: number, t: number, x0Pred: Tensor): void | Promise<void>;
  shouldStop?(): boolean;
}

export type DenoiseFn = (xt: Tensor, t: number) => Tensor | Promise<Tensor>;

export async function sampleLoop(tf: Tf, scheduler: Scheduler, denoise: DenoiseFn, options: SampleLoopOptions): Promise<Tensor> {
  let x = options.initial ? options.initial.clone() : tf.randomNormal(options.shape, 0, 1, 'float32', tfSeed(options.seed));
  const grid = scheduler.timesteps;
  for (let i = 0; i < grid.length; i++) {
    if (options.shouldStop?.()) break;
    const t = grid[i];
    const prevT = scheduler.prevTimestep(t);
    const x0 = await denoise(x, t);
    const noise = tf.randomNormal(x.shape, 0, 1, 'float32', tfSeed(options.seed + 7919 * (i + 1)));
    const out = scheduler.step({ x0Pred: x0, sample: x, t, prevT, noise });
    x0.dispose();
    noise.dispose();
    x.dispose();
    x = out.prevSample;
    await options.onStep?.(i, t, out.x0Pred);
    out.x0Pred.dispose();
  }
  return x;
}

// Shared pieces of the score-distillation baselines (SDS, SJC; notes §3): a random train timestep in a
// range, and the pull-back of a fixed image-space gradient g_k through the renders,
//   d theta = sum_k J_k^T g_k,  implemented as minimize(sum_k <stopgrad(g_k), f(theta)(pi_k)>) / K
// (stable-dreamfusion's "loss = sum(grad * x)" trick). No (J^T J)^-1: these methods follow a pulled-back
// covector to a mode (paper §2.2; notes §1.2), which is what DDRep's least-squares fit changes.
import type { Tf, Tensor } from '../tf';
import type { DifferentiableRep, RepView, Rng } from './types';

/** Integer t uniform in [round(lo T), round(hi T)] (inclusive, like torch.randint(min, max + 1)). */
export function randomTimestep(rng: Rng, trainSteps: number, lo: number, hi: number): number {
  const a = Math.round(lo * trainSteps); const b = Math.min(Math.round(hi * trainSteps), trainSteps - 1);
  return a + Math.floor(rng() * (b - a + 1));
}

export function checkRange(file: string, lo: number, hi: number): void {
  if (!(lo >= 0 && hi <= 1 && lo <= hi)) throw new Error(`${file}: need 0 <= tMin <= tMax <= 1, got ${lo}, ${hi}`);
}

export function checkCount(file: string, field: string, v: number, min = 1): void {
  if (!Number.isInteger(v) || v < min) throw new Error(`${file}: ${field} must be an integer >= ${min}, got ${v}`);
}

/** Apply one optimizer step along sum_k J_k^T grads[k]; grads [K, H, W, 3] is not disposed. */
export function pullBackStep<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], grads: Tensor, optimizer: import('@tensorflow/tfjs').Optimizer,
): void {
  optimizer.minimize(() => tf.tidy(() => {
    const x = tf.stack(views.map((v) => rep.render(v)));
    return tf.div(tf.sum(tf.mul(grads, x)), views.length) as import('@tensorflow/tfjs').Scalar;
  }), false, [...rep.parameters]);
}

/** [K, H, W, 3] renders without gradient tracking. */
export function renderViews<V extends RepView>(tf: Tf, rep: DifferentiableRep<V>, views: readonly V[]): Tensor {
  return tf.tidy(() => tf.stack(views.map((v) => rep.render(v))));
}

/**
 * pullBackStep for any rep. A rep with its own solver (rep.fitViews: the voxel field, whose render tfjs cannot
 * differentiate) takes the step as a one-iteration fit, with moments kept across calls (one optimiser for the
 * run), to the one-step targets t_k = x_k - (N / 2) g_k, N = H W 3 values per view: that fit's loss
 * (1/K) sum_k mean ||f(theta)(pi_k) - t_k||^2 has gradient (2 / (K N)) sum_k J_k^T (f(theta)(pi_k) - t_k), which at
 * theta (where f(theta)(pi_k) = x_k, the renders g was computed from) is (1/K) sum_k J_k^T g_k, exactly the
 * gradient of pullBackStep's surrogate. So its single Adam step is the same step. Every other rep: pullBackStep.
 * `x` [K, H, W, 3] must be the current renders of `views`; neither x nor grads is disposed.
 */
export async function pullBack<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], x: Tensor, grads: Tensor, optimizer: import('@tensorflow/tfjs').Optimizer, lr: number,
): Promise<void> {
  if (!rep.fitViews) { pullBackStep(tf, rep, views, grads, optimizer); return; }
  const n = grads.size / views.length;
  const targets = tf.tidy(() => tf.unstack(tf.sub(x, tf.mul(grads, n / 2))));
  try {
    await rep.fitViews(views, targets, { iterations: 1, lr, keepState: true });
  } finally {
    tf.dispose(targets);
  }
}

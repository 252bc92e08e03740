// The per-step least-squares solve of DDRep (notes §1.5, paper Eq. 5 / Eq. 7-8, multiview form §1.3):
//
//   theta' = argmin_phi (1/K) sum_k mean || f(phi)(pi_k) - target_k ||^2          (jointly over the K views)
//
// solved by a warm-started Adam fit (phi starts at theta; the paper: "Adam optimizer for 200 steps" per
// NFE, no learning rate given), or, for linear renders, by the rep's closed form. As dt -> 0 the fit's
// normal equations are J^T J dtheta = J^T dx, i.e. the (J^T J)^-1 J^T pullback of Eq. 4.
// Targets are constants (not differentiated). A fresh Adam per call: its moments start at zero each step.
import type { Tf, Tensor } from '../tf';
import type { DifferentiableRep, RepView } from './types';

export interface InnerFitOptions {
  solver: 'adam' | 'closed-form';
  /** Adam steps M per outer step. Paper (App. C / §1.5 of the notes): 200. */
  iterations: number;
  /** Adam learning rate; null = the rep's suggestedLr (the paper gives none). */
  lr: number | null;
  /**
   * Early stop of the Adam fit: stop once the unachieved fraction ||f(phi) - target|| / ||f(theta) - target||
   * (= sqrt(loss / loss at the start); notes §4.4) is <= tolerance, checked every TOLERANCE_CHECK_EVERY
   * iterations; `iterations` stays the cap. 0 = always run `iterations` steps; null or unset = the rep's
   * suggestedTolerance (0 if it has none: pixel grids and canvases fit exactly, as the exactness tests need;
   * the SIREN's is 0.1, siren.ts).
   */
  tolerance?: number | null;
}

export const INNER_FIT_DEFAULTS: InnerFitOptions = { solver: 'adam', iterations: 200, lr: null, tolerance: null };

/** How often (in Adam iterations) the early-stop test reads the loss back (one scalar read each). */
export const TOLERANCE_CHECK_EVERY = 5;

export interface FitReport {
  /** Loss after the last update. */
  loss: number;
  /** Adam iterations run (0 for the closed form). */
  iterations: number;
}

const FILE = 'ddrep/inner-fit.ts';

/** Mean squared error over all views and elements; a scalar tensor. */
export function viewsLoss<V extends RepView>(tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], targets: readonly Tensor[]): Tensor {
  return tf.tidy(() => {
    let sum: Tensor = tf.scalar(0);
    for (let k = 0; k < views.length; k++) sum = tf.add(sum, tf.mean(tf.squaredDifference(rep.render(views[k]), targets[k])));
    return tf.div(sum, views.length);
  });
}

/** Fit theta in place; returns the final loss (after the last update). Targets are not disposed. */
export function fitViews<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], targets: readonly Tensor[], options: InnerFitOptions,
): number {
  return fitViewsReport(tf, rep, views, targets, options).loss;
}

const scalarOf = (t: Tensor): number => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

/** fitViews, also saying how many Adam iterations ran (fewer than options.iterations after an early stop). */
export function fitViewsReport<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], targets: readonly Tensor[], options: InnerFitOptions,
): FitReport {
  if (views.length !== targets.length || views.length === 0) {
    throw new Error(`${FILE}: need one target per view, got ${views.length} views and ${targets.length} targets`);
  }
  let ran = 0;
  if (options.solver === 'closed-form') {
    if (!rep.solveLeastSquares) throw new Error(`${FILE}: solver 'closed-form' but rep ${rep.config.kind} has no closed form`);
    rep.solveLeastSquares(views, targets);
  } else if (options.solver === 'adam') {
    if (!Number.isInteger(options.iterations) || options.iterations < 0) {
      throw new Error(`${FILE}: iterations must be a non-negative integer, got ${options.iterations}`);
    }
    const tol = options.tolerance ?? rep.suggestedTolerance ?? 0;
    if (!(tol >= 0 && tol < 1)) throw new Error(`${FILE}: tolerance must be in [0, 1), got ${tol}`);
    const lr = options.lr ?? rep.suggestedLr;
    if (!(lr > 0)) throw new Error(`${FILE}: lr must be > 0, got ${lr}`);
    const opt = tf.train.adam(lr);
    const vars = [...rep.parameters];
    const lossFn = () => viewsLoss(tf, rep, views, targets) as import('@tensorflow/tfjs').Scalar;
    // loss_0 at the warm start; the test compares squared norms: loss_i <= tol^2 loss_0.
    const stopBelow = tol > 0 ? tol * tol * scalarOf(viewsLoss(tf, rep, views, targets)) : -1;
    for (let i = 0; i < options.iterations; i++) {
      const check = stopBelow >= 0 && i > 0 && i % TOLERANCE_CHECK_EVERY === 0;
      const cost = opt.minimize(lossFn, check, vars); // cost: the loss before this update
      ran++;
      if (cost && scalarOf(cost) <= stopBelow) break;
    }
    opt.dispose();
  } else {
    throw new Error(`${FILE}: unknown solver ${JSON.stringify((options as { solver: unknown }).solver)}`);
  }
  return { loss: scalarOf(viewsLoss(tf, rep, views, targets)), iterations: ran };
}

/**
 * The per-step fit for any rep: a rep with its own solver (rep.fitViews, e.g. the voxel field, whose render
 * tfjs cannot differentiate) runs the 'adam' fit itself, with a fresh optimiser per call like fitViews;
 * every other rep goes through fitViews.
 */
export async function innerFit<V extends RepView>(
  tf: Tf, rep: DifferentiableRep<V>, views: readonly V[], targets: readonly Tensor[], options: InnerFitOptions,
): Promise<FitReport> {
  if (options.solver === 'adam' && rep.fitViews) {
    if (views.length !== targets.length || views.length === 0) {
      throw new Error(`${FILE}: need one target per view, got ${views.length} views and ${targets.length} targets`);
    }
    // The rep's own solver has no early stop: it always runs the full count.
    const loss = await rep.fitViews(views, targets, { iterations: options.iterations, lr: options.lr, keepState: false });
    return { loss, iterations: options.iterations };
  }
  return fitViewsReport(tf, rep, views, targets, options);
}

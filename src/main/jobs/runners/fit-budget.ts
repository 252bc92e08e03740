// Keeping `fit --minutes` honest: the whole command (start-up, reading the capture, training,
// then evaluation, preview, bake, volume, mesh and GLB) must end within the budget plus one
// minute. Training gets the budget less what the grace minute cannot absorb: reading beyond
// `readGraceSeconds` and post-training work beyond `postGraceSeconds`.
//
// Post-training cost model (seconds), measured on the 2-core dev machine under load (load
// average 8-10, other fits running) with resources/sample-capture, so it errs high:
//   bake + volume + mesh + GLB ~ 8 + 8e-7 * res^3   (res 128: 7 s, 256: 15 s, 384: 40 s measured)
//   held-out evaluation + preview ~ 5e-5 * pixels   (8 views of 100x100: 3-4 s measured)

export const FIT_BUDGET_DEFAULTS = {
  /** Seconds of the grace minute for post-training work, */
  postGraceSeconds: 30,
  /** and for reading the capture; the rest covers process start-up and the trainer's stop latency. */
  readGraceSeconds: 5,
  postBaseSeconds: 8,
  postSecondsPerVoxel: 8e-7,
  postSecondsPerPixel: 5e-5,
  /** Training never gets less than this share of the budget (a tiny budget at a huge --res cannot be honest anyway). */
  minTrainingShare: 0.2,
};
export type FitBudgetOptions = typeof FIT_BUDGET_DEFAULTS;

/** Estimated seconds of the work after training: bake at `res`, and rendering `evalPixels` pixels. */
export function estimatePostSeconds(res: number, evalPixels: number, o: FitBudgetOptions = FIT_BUDGET_DEFAULTS): number {
  return o.postBaseSeconds + o.postSecondsPerVoxel * res ** 3 + o.postSecondsPerPixel * evalPixels;
}

/**
 * Minutes to hand the trainer: the budget less the seconds already spent (reading) beyond
 * `readGraceSeconds` and the post-training work beyond `postGraceSeconds`, floored at
 * `minTrainingShare` of the budget.
 */
export function trainingMinutes(
  budgetMinutes: number, spentSeconds: number, res: number, evalPixels: number, o: FitBudgetOptions = FIT_BUDGET_DEFAULTS,
): { minutes: number; reservedSeconds: number } {
  const budget = budgetMinutes * 60;
  const reservedSeconds = Math.max(0, estimatePostSeconds(res, evalPixels, o) - o.postGraceSeconds);
  const seconds = Math.max(o.minTrainingShare * budget, budget - Math.max(0, spentSeconds - o.readGraceSeconds) - reservedSeconds);
  return { minutes: seconds / 60, reservedSeconds };
}

// Time-budgeted iteration count of a splat fit (used when the caller gives no `iterations`):
// like the voxel field's budget planning (recon/fit.ts), measure the wall-clock seconds per
// step after a short warm-up and re-plan periodically, so that the whole schedule (SH degree-up,
// densification window, opacity resets, position-lr decay, all scaled with the iteration count
// in schedule.ts) ends at `fill` of the budget instead of being cut by the clock or finishing
// early. Re-planning matters because a step gets dearer while densification adds Gaussians.
//   rate   = seconds per step over the window since the last plan (or the start / resume)
//   T_new  = clamp(step + floor((fill * budget - elapsed) / rate), step + 1, maxIterations)
// Plans happen at the first step after `warmupSteps`, then whenever the elapsed time crosses a
// multiple of `everyShare * budget` (at least `minEverySeconds`) with >= `minWindowSteps` steps in
// the window. Everything is a function of (step, elapsed seconds), where elapsed includes the
// time before a checkpoint, so a resumed fit re-plans at the same points as an uninterrupted one.

export interface IterationPlanOptions {
  /** Share of the budget the schedule should end at. */
  fill: number;
  /** Upper bound of the planned iterations (the paper's 30,000). */
  maxIterations: number;
  /** Steps before the first plan (the provisional count runs until then). */
  warmupSteps: number;
  /** Re-plan every this share of the budget ... */
  everyShare: number;
  /** ... but not more often than this (seconds) ... */
  minEverySeconds: number;
  /** ... nor with fewer steps measured. */
  minWindowSteps: number;
}

export const ITERATION_PLAN_DEFAULTS: IterationPlanOptions = {
  fill: 0.97, maxIterations: 30_000, warmupSteps: 20, everyShare: 0.04, minEverySeconds: 1, minWindowSteps: 10,
};

/** One re-plan: at `step` (elapsed `seconds`) the count became `iterations`. */
export interface PlanRecord { step: number; seconds: number; iterations: number }

export class IterationPlanner {
  readonly plans: PlanRecord[];
  private windowStep: number;
  private windowSeconds: number;
  private lastSlot: number;
  private planned: boolean;
  private readonly every: number;

  /**
   * `budgetSeconds`: the whole fit's budget; `step` / `elapsed`: where the fit starts (0, 0 or a
   * checkpoint's); `plans`: the checkpoint's plan history.
   */
  constructor(readonly budgetSeconds: number, step: number, elapsed: number, plans: PlanRecord[] = [], readonly options: IterationPlanOptions = ITERATION_PLAN_DEFAULTS) {
    if (!(budgetSeconds > 0)) throw new Error(`IterationPlanner: budgetSeconds has bad value ${budgetSeconds}`);
    this.plans = plans.map((p) => ({ ...p }));
    this.every = Math.max(options.minEverySeconds, options.everyShare * budgetSeconds);
    this.windowStep = step; this.windowSeconds = elapsed;
    this.lastSlot = Math.floor(elapsed / this.every);
    this.planned = plans.length > 0;
  }

  /** After a step: the new iteration count, or null to keep `iterations`. */
  afterStep(step: number, elapsed: number, iterations: number): number | null {
    const o = this.options, window = step - this.windowStep;
    const slot = Math.floor(elapsed / this.every);
    const due = this.planned ? slot > this.lastSlot && window >= o.minWindowSteps : step >= o.warmupSteps && window > 0;
    if (!due) return null;
    const rate = (elapsed - this.windowSeconds) / window;
    this.windowStep = step; this.windowSeconds = elapsed; this.lastSlot = slot; this.planned = true;
    const left = o.fill * this.budgetSeconds - elapsed;
    const fits = rate > 0 ? Math.floor(left / rate) : o.maxIterations;
    const next = Math.min(o.maxIterations, Math.max(step + 1, step + fits));
    if (next === iterations) return null;
    this.plans.push({ step, seconds: elapsed, iterations: next });
    return next;
  }
}

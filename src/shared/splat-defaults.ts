// Gaussian-splat fit defaults that the engine, the CLI and the studio's Reconstruct dialog share
// (one place instead of hand-copied numbers). Without an explicit iteration count a splat fit
// plans its iterations from the time budget (engine/splats/planner.ts).
export const SPLAT_ITERATION_DEFAULTS = {
  /** Iterations a budget-planned fit assumes until its first step-rate measurement replaces them. */
  provisional: 3000,
  /** Upper bound of budget-planned iterations (the 3DGS paper's 30,000). */
  maxPlanned: 30_000,
  /** The Reconstruct dialog's default time budget of a splat fit, minutes. */
  minutes: 10,
} as const;

/** How the dialog and the CLI describe a fit without an explicit iteration count. */
export const SPLAT_AUTO_ITERATIONS_LABEL = 'iterations: auto (fits the time budget)';

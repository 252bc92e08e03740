// The time-budget planner on synthetic clocks: it fills the budget at a steady rate, shrinks
// the plan when steps get dearer (densification), respects the upper bound, and a planner
// rebuilt from a checkpoint's (step, elapsed, plans) re-plans exactly as the uninterrupted one.
import { describe, expect, it } from 'vitest';
import { ITERATION_PLAN_DEFAULTS, IterationPlanner } from './planner';

/** Run a planner against seconds-per-step `cost(step)` until the plan is done; returns steps and seconds. */
function simulate(budget: number, cost: (step: number) => number, start = 3000, planner = new IterationPlanner(budget, 0, 0)) {
  let T = start, t = 0, step = 0;
  while (step < T && t < budget) {
    step++; t += cost(step);
    T = planner.afterStep(step, t, T) ?? T;
  }
  return { steps: step, T, seconds: t, plans: planner.plans };
}

describe('IterationPlanner', () => {
  it('fills ~97 % of the budget at a steady rate, from a provisional count too small or too large', () => {
    for (const start of [100, 3000, 29_000]) {
      const r = simulate(120, () => 0.05, start);
      expect(r.steps).toBe(r.T);
      expect(r.seconds / 120).toBeGreaterThan(0.95);
      expect(r.seconds / 120).toBeLessThanOrEqual(0.975);
      expect(r.plans[0].step).toBe(ITERATION_PLAN_DEFAULTS.warmupSteps);
    }
  });

  it('re-plans down as steps get dearer and still ends inside the budget', () => {
    const r = simulate(300, (k) => 0.02 + 0.0001 * Math.min(k, 1500));
    expect(r.plans.length).toBeGreaterThan(3);
    for (let i = 1; i < r.plans.length; i++) expect(r.plans[i].iterations).toBeLessThan(r.plans[i - 1].iterations);
    expect(r.steps).toBe(r.T);
    expect(r.seconds / 300).toBeGreaterThan(0.9);
    expect(r.seconds).toBeLessThan(300);
  });

  it('never plans beyond maxIterations', () => {
    const r = simulate(600, () => 0.001);
    expect(r.T).toBe(30_000);
    expect(r.steps).toBe(30_000);
  });

  it('a planner rebuilt at a checkpoint re-plans like the uninterrupted one', () => {
    const cost = (k: number) => (k < 400 ? 0.0625 : 0.125); // exact binary fractions: same sums either way
    const full = simulate(200, cost);
    // interrupt at step 250: rebuild from (step, elapsed, plans) and continue
    const a = new IterationPlanner(200, 0, 0);
    let T = 3000, t = 0, step = 0;
    while (step < 250) { step++; t += cost(step); T = a.afterStep(step, t, T) ?? T; }
    const b = new IterationPlanner(200, step, t, a.plans);
    while (step < T && t < 200) { step++; t += cost(step); T = b.afterStep(step, t, T) ?? T; }
    expect(b.plans).toEqual(full.plans);
    expect(step).toBe(full.steps);
    expect(() => new IterationPlanner(0, 0, 0)).toThrow(/budgetSeconds has bad value 0/);
  });
});

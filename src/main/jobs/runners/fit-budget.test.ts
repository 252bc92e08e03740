import { describe, expect, it } from 'vitest';
import { estimatePostSeconds, FIT_BUDGET_DEFAULTS, trainingMinutes } from './fit-budget';

describe('fit budget', () => {
  it('estimates post-training work from the bake resolution and the pixels evaluated', () => {
    expect(estimatePostSeconds(0, 0)).toBe(FIT_BUDGET_DEFAULTS.postBaseSeconds);
    expect(estimatePostSeconds(256, 0) - estimatePostSeconds(128, 0)).toBeCloseTo(8e-7 * (256 ** 3 - 128 ** 3), 9);
    expect(estimatePostSeconds(128, 10_000) - estimatePostSeconds(128, 0)).toBeCloseTo(0.5, 9);
  });

  it('gives training the budget less reading time, reserving only what the grace minute cannot absorb', () => {
    // res 128, 9 views of 100x100: ~14 s of post work fits in the 30 s of grace: nothing reserved;
    // 3 s of reading fit in its 5 s; 35 s of reading (71 phone photos) cost 30 s of training.
    const small = trainingMinutes(1, 3, 128, 90_000);
    expect(small.reservedSeconds).toBe(0);
    expect(small.minutes).toBe(1);
    expect(trainingMinutes(3, 35, 128, 90_000).minutes * 60).toBeCloseTo(150, 9);
    // res 512: ~115 s of bake/mesh: 85 s come out of a 5-minute budget.
    const big = trainingMinutes(5, 0, 512, 0);
    expect(big.reservedSeconds).toBeCloseTo(8 + 8e-7 * 512 ** 3 - 30, 6);
    expect(big.minutes * 60).toBeCloseTo(300 - big.reservedSeconds, 6);
    // Never below 20% of the budget.
    expect(trainingMinutes(1, 0, 1024, 0).minutes).toBeCloseTo(0.2, 9);
  });
});

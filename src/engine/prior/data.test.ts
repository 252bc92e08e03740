import { describe, expect, it } from 'vitest';
import { sceneSplit } from '../data/procedural';
import { heldOutImages, priorCondition, priorImages } from './data';

describe('prior data', () => {
  it('renders the split deterministically in [-1, 1] with [sin az, cos az, elevation] conditions', () => {
    const a = priorImages({ count: 6, seed: 2, viewsPerScene: 4, resolution: 8, supersample: 1 });
    const b = priorImages({ count: 6, seed: 2, viewsPerScene: 4, resolution: 8, supersample: 1 });
    expect(a.images.length).toBe(6 * 8 * 8 * 3);
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    expect(a.conds).toEqual(b.conds);
    expect(Math.min(...a.images)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a.images)).toBeLessThanOrEqual(1);
    expect(Math.min(...a.images)).toBeLessThan(0.5); // not all background
    expect(new Set(a.sceneSeeds).size).toBe(2); // 4 views of the first scene, 2 of the second
    for (const [s, c, e] of a.conds) {
      expect(s * s + c * c).toBeCloseTo(1, 10);
      expect(e).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual((35 * Math.PI) / 180);
    }
    expect(priorCondition(0.2, Math.PI / 2).map((v) => +v.toFixed(12))).toEqual([1, 0, 0.2]);
  });

  it('held-out renders come only from held-out scenes, differ by seed, and never share a scene with training', () => {
    const train = priorImages({ count: 16, seed: 0, viewsPerScene: 2, resolution: 8, supersample: 1 });
    const test = heldOutImages(8, 0, { resolution: 8, supersample: 1 });
    const test2 = heldOutImages(8, 1, { resolution: 8, supersample: 1 });
    expect(test.sceneSeeds.every((s) => sceneSplit(s) === 'test')).toBe(true);
    expect(train.sceneSeeds.every((s) => sceneSplit(s) === 'train')).toBe(true);
    expect(test.sceneSeeds.some((s) => train.sceneSeeds.includes(s))).toBe(false);
    expect(test.sceneSeeds).not.toEqual(test2.sceneSeeds);
    expect(() => priorImages({ count: -1 })).toThrow(/prior\/data\.ts: count must be an integer >= 0, got -1/);
    expect(() => priorImages({ split: 'val' as 'test' })).toThrow(/split must be 'train' or 'test', got val/);
  });
});

// eval-prior's metrics on synthetic sets: diversity 0 for identical seeds and > 0 otherwise, sharpness of a
// blurred set < 1 and of the set itself 1, KID of a set against itself ~ 0 and against a shifted set > 0;
// the plan's layout and sharding; the report's targets.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/procedural/prng';
import { azimuthError, groupedDiversity, pairedPsnr, setMetrics, toUnitRange } from './metrics';
import { checkPlan, defaultPriorEvalMethods, planTasks, shardTasks, PRIOR_EVAL_PLAN_DEFAULTS, PRIOR_CHUNK } from './plan';
import { panoramaCondition, panoramaOffset } from './sample';
import { targetChecks } from './report';

const S = 8;
const PX = S * S * 3;
const DIM = 6;

/** n random images in [0, 1] with random features; a checkerboard of random contrast keeps HF energy. */
function randomSet(n: number, seed: number, shift = 0) {
  const r = mulberry32(seed);
  const images = new Float32Array(n * PX);
  for (let i = 0; i < n; i++) {
    const c = 0.2 + 0.6 * r();
    for (let p = 0; p < S * S; p++) {
      const v = ((p % S) + Math.floor(p / S)) % 2 === 0 ? c : 1 - c;
      for (let k = 0; k < 3; k++) images[i * PX + 3 * p + k] = v;
    }
  }
  const features = Float32Array.from({ length: n * DIM }, () => r() * 2 - 1 + shift);
  return { images, features };
}

/** 3x3 box blur of every image (edge-clamped). */
function blur(images: Float32Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length / PX; i++) {
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = Math.min(S - 1, Math.max(0, y + dy)); const xx = Math.min(S - 1, Math.max(0, x + dx));
        s += images[i * PX + (yy * S + xx) * 3 + k];
      }
      out[i * PX + (y * S + x) * 3 + k] = s / 9;
    }
  }
  return out;
}

describe('eval-prior metrics', () => {
  it('diversity across seeds: 0 when every seed in a group is identical, > 0 when they differ', () => {
    const base = randomSet(4, 1);
    // Groups [0, 0, 1, 1]; copy row 0 into row 1 and row 2 into row 3.
    const same = { images: base.images.slice(), features: base.features.slice() };
    same.images.copyWithin(PX, 0, PX); same.images.copyWithin(3 * PX, 2 * PX, 3 * PX);
    same.features.copyWithin(DIM, 0, DIM); same.features.copyWithin(3 * DIM, 2 * DIM, 3 * DIM);
    const ref = randomSet(10, 2);
    const m0 = setMetrics({ ...same, groups: [0, 0, 1, 1] }, ref, DIM, S);
    expect(m0.diversity).toBe(0);
    expect(m0.diversityPixel).toBe(0);
    const m1 = setMetrics({ ...base, groups: [0, 0, 1, 1] }, ref, DIM, S);
    expect(m1.diversity).toBeGreaterThan(0.1);
    // Distances only within groups: a group of one contributes nothing.
    expect(groupedDiversity(base.features, DIM, [0, 1, 2, 3], () => 1)).toBeNaN();
  });

  it('sharpness: 1 for the reference itself, < 1 for a blurred copy', () => {
    const ref = randomSet(6, 3);
    const groups = [0, 0, 1, 1, 2, 2];
    expect(setMetrics({ ...ref, groups }, ref, DIM, S).sharpness).toBeCloseTo(1, 6);
    const blurred = setMetrics({ images: blur(ref.images), features: ref.features, groups }, ref, DIM, S).sharpness;
    expect(blurred).toBeLessThan(0.5);
  });

  it('KID: ~0 for two independent draws of one distribution, clearly > 0 against a shifted set', () => {
    const n = 100;
    const groups = Array.from({ length: n }, (_, i) => i >> 1);
    const a = randomSet(n, 4);
    const same = setMetrics({ ...randomSet(n, 7), groups }, a, DIM, S);
    const shifted = setMetrics({ ...randomSet(n, 5, 0.8), groups }, a, DIM, S);
    expect(shifted.kid.mean).toBeGreaterThan(0.2);
    expect(Math.abs(same.kid.mean)).toBeLessThan(shifted.kid.mean / 20);
    expect(Math.abs(same.kid.mean)).toBeLessThan(3 * same.kid.std);
    expect(shifted.kid.std).toBeGreaterThan(0);
    expect(shifted.kid.n).toBe(n);
    expect(shifted.kid.subsetSize).toBe(n / 2);
  });

  it('rejects mismatched sizes, naming the field', () => {
    const a = randomSet(4, 6);
    expect(() => setMetrics({ ...a, groups: [0, 0, 1] }, a, DIM, S)).toThrow(/samples\.images holds 4 images for 3 group labels/);
  });

  it('toUnitRange maps [-1, 1] to [0, 1] and clamps', () => {
    expect(Array.from(toUnitRange(Float32Array.from([-1, 0, 1, 3, -2])))).toEqual([0, 0.5, 1, 1, 0]);
  });
});

describe('eval-prior plan', () => {
  it('lays out prior chunks and one task per method sample, and shards them by cost without losing any', () => {
    const o = { ...PRIOR_EVAL_PLAN_DEFAULTS, samples: 6, seedsPerCondition: 2, priorSamples: 60 };
    const tasks = planTasks(o, ['prior', 'ddrep', 'sds'], { prior: 1, paired: 2, ddrep: 90, sds: 120, sjc: 120 });
    expect(tasks.filter((t) => t.method === 'prior').map((t) => t.count)).toEqual([PRIOR_CHUNK, PRIOR_CHUNK, 10]);
    expect(tasks.filter((t) => t.method === 'ddrep')).toHaveLength(6);
    const shards = shardTasks(tasks, 2);
    expect(shards.flat()).toHaveLength(tasks.length);
    const load = shards.map((s) => s.reduce((a, t) => a + t.cost, 0));
    expect(Math.abs(load[0] - load[1])).toBeLessThanOrEqual(120);
  });

  it('runs the paired prior by default only where DDRep has a pixel-grid twin (the SIREN)', () => {
    expect(defaultPriorEvalMethods('siren')).toEqual(['prior', 'paired', 'ddrep', 'sds', 'sjc']);
    expect(defaultPriorEvalMethods('panorama')).toEqual(['prior', 'ddrep', 'sds', 'sjc']);
    expect(defaultPriorEvalMethods('field')).toEqual(['prior', 'ddrep', 'sds', 'sjc']);
  });

  it('refuses a sample count that is not a multiple of the seeds per condition', () => {
    expect(() => checkPlan({ ...PRIOR_EVAL_PLAN_DEFAULTS, samples: 5, seedsPerCondition: 2 })).toThrow(/samples \(5\) must be a multiple of seedsPerCondition \(2\)/);
    expect(() => checkPlan({ ...PRIOR_EVAL_PLAN_DEFAULTS, samples: 8, priorSamples: 4 })).toThrow(/priorSamples \(4\) must be >= samples \(8\)/);
  });

  it('panorama: the scored window is centred nearest the held-out azimuth and carries that azimuth', () => {
    const size = 32; const windows = 8;
    const off = panoramaOffset(Math.PI / 2, size, windows); // a quarter turn: centre column 64 -> offset 48
    expect(off).toBe(48);
    const c = panoramaCondition(off, size, windows);
    expect(c[0]).toBeCloseTo(1, 6);
    expect(c[1]).toBeCloseTo(0, 6);
    expect(panoramaOffset(-Math.PI / 2, size, windows)).toBe(176);
  });
});

describe('eval-prior targets', () => {
  const m = (kid: number, diversity: number) => ({
    kid: { mean: kid, std: 0, full: kid, subsets: 1, subsetSize: 2, n: 4, m: 4 }, diversity, diversityPixel: 0, sharpness: 1,
    samples: 4, secondsPerSample: 1, denoiserCalls: 1, settings: {},
  });
  it('passes DDRep at 1.5x the prior KID and 0.8x its diversity, and fails it above an SDS KID', () => {
    const prior = { ...m(0.1, 5), matched: { ...m(0.1, 5) } };
    const checks = targetChecks({ prior, ddrep: m(0.15, 4), sds: m(0.12, 1) });
    expect(checks.map((c) => c.pass)).toEqual([true, true, false]);
  });
  it('holds DDRep to the prior figures on all its samples, not the noisier matched first n', () => {
    const prior = { ...m(0.1, 5), samples: 200, matched: { ...m(0.3, 9) } };
    const checks = targetChecks({ prior, ddrep: m(0.2, 4.5) });
    expect(checks.map((c) => [c.threshold, c.pass])).toEqual([[0.1 * 1.5, false], [5 * 0.8, true]]);
    expect(checks[0].name).toBe('ddrep kid <= 1.5 x prior kid (200 samples)');
  });
  it('adds the same-noise check against the paired prior when it ran', () => {
    const prior = { ...m(0.1, 5), samples: 200, matched: { ...m(0.3, 9) } };
    const checks = targetChecks({ prior, paired: { ...m(0.4, 5), samples: 16 }, ddrep: m(0.5, 4.5) });
    expect(checks.map((c) => [c.name, c.threshold, c.pass])).toEqual([
      ['ddrep kid <= 1.5 x prior kid (200 samples)', 0.1 * 1.5, false],
      ['ddrep diversity >= 0.8 x prior diversity (200 samples)', 5 * 0.8, true],
      ['ddrep kid <= 1.5 x paired prior kid (same noise, 16 samples)', 0.4 * 1.5, true],
    ]);
    // A negative paired KID (an unbiased estimate can dip below 0) counts as 0, so DDRep must then be <= 0 too.
    expect(targetChecks({ paired: m(-0.01, 5), ddrep: m(0.001, 5) })[0].pass).toBe(false);
  });
});

describe('pairedPsnr', () => {
  const flat = (values: number[]) => Float32Array.from(values.flatMap((v) => new Array<number>(PX).fill(v)));
  it('is the median over pairs of the per-image PSNR (range 1)', () => {
    // Differences 0.1, 0.01, 0.5 -> 20, 40, ~6.02 dB; median 20.
    expect(pairedPsnr(flat([0.5, 0.5, 0.5]), flat([0.6, 0.51, 1]), S)).toBeCloseTo(20, 4);
    // Two pairs: the mean of the middle two (20 and 40 dB).
    expect(pairedPsnr(flat([0.5, 0.5]), flat([0.6, 0.51]), S)).toBeCloseTo(30, 4);
    expect(pairedPsnr(flat([0.2]), flat([0.2]), S)).toBe(Infinity);
  });
  it('refuses sets of different lengths or partial images', () => {
    expect(() => pairedPsnr(flat([0.5, 0.5]), flat([0.5]), S)).toThrow(/equally long non-empty sets of 8x8x3 images \(got 384 and 192 values\)/);
    expect(() => pairedPsnr(new Float32Array(5), new Float32Array(5), S)).toThrow(/got 5 and 5/);
  });
});

describe('azimuthError (field viewConsistency)', () => {
  const deg = Math.PI / 180;
  it('is the mean absolute angle in degrees, wrapped the short way round', () => {
    expect(azimuthError([0], [0])).toBe(0);
    expect(azimuthError([350 * deg], [10 * deg])).toBeCloseTo(20, 9);
    expect(azimuthError([-170 * deg, 90 * deg], [170 * deg, 0])).toBeCloseTo((20 + 90) / 2, 9);
    // A Janus field reads as the front (0) from every side: asked for 0, 90, 180, 270 deg it scores 90.
    expect(azimuthError([0, 0, 0, 0], [0, 90 * deg, 180 * deg, 270 * deg])).toBeCloseTo(90, 9);
  });
  it('refuses mismatched or empty lists', () => {
    expect(() => azimuthError([0, 1], [0])).toThrow(/equally many predicted and requested azimuths \(got 2 and 1\)/);
    expect(() => azimuthError([], [])).toThrow(/got 0 and 0/);
  });
});

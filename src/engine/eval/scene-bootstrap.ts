// How much the issue-4 acceptance figures depend on which held-out scenes were drawn. `parallax
// eval` uses few scenes (about 45 s each on our CPU), so a figure near its threshold could pass
// on one draw of scenes and fail on another. The scene bootstrap (Efron & Tibshirani, 1993)
// resamples the n scenes with replacement, recomputes every check on the resampled set (DFM and
// the baseline on the same scenes: paired), and reports the central interval of each check's value
// and the share of resamples in which it passes.
// This is scene-to-scene spread only: the model, the sampler's seeds and the poses stay fixed.
import { mulberry32 } from '../data/procedural/prng';
import { evalAcceptance, type EvalAcceptanceThresholds } from './acceptance';
import { EvalAccumulator } from './aggregate';

const FILE = 'src/engine/eval/scene-bootstrap.ts';

/** One scene's inputs, accumulated separately for each method. */
export interface SceneAccumulators {
  dfm: EvalAccumulator;
  baseline: EvalAccumulator;
}

export interface BootstrapOptions {
  resamples: number;
  /** Central interval, e.g. 0.95 for the 2.5th to 97.5th percentile. */
  level: number;
  seed: number;
}

export const BOOTSTRAP_DEFAULTS: BootstrapOptions = { resamples: 1000, level: 0.95, seed: 0 };

export interface CheckInterval {
  name: string;
  low: number;
  high: number;
  /** Fraction of resamples in which the check passes. */
  passRate: number;
}

/** Linear-interpolated quantile of ascending `sorted` (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** Scene-bootstrap intervals of the evalAcceptance checks, in evalAcceptance's order. */
export function bootstrapAcceptance(
  scenes: readonly SceneAccumulators[],
  thresholds: Partial<EvalAcceptanceThresholds> = {},
  options: Partial<BootstrapOptions> = {},
): CheckInterval[] {
  const o = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (scenes.length < 2) throw new Error(`${FILE}: the scene bootstrap needs at least 2 scenes, got ${scenes.length}`);
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new Error(`${FILE}: resamples must be an integer >= 1, got ${o.resamples}`);
  if (!(o.level > 0 && o.level < 1)) throw new Error(`${FILE}: level must be in (0, 1), got ${o.level}`);
  const random = mulberry32(o.seed);
  const n = scenes.length;
  // runs[r][k]: check k on resample r.
  const runs = Array.from({ length: o.resamples }, () => {
    const draw = Array.from({ length: n }, () => scenes[Math.floor(random() * n)]);
    return evalAcceptance({
      dfm: EvalAccumulator.combine(draw.map((s) => s.dfm)),
      baseline: EvalAccumulator.combine(draw.map((s) => s.baseline)),
    }, thresholds).checks;
  });
  const tail = (1 - o.level) / 2;
  return runs[0].map(({ name }, k) => {
    const sorted = runs.map((checks) => checks[k].value).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const passRate = runs.filter((checks) => checks[k].pass).length / o.resamples;
    return { name, low: quantile(sorted, tail), high: quantile(sorted, 1 - tail), passRate };
  });
}

// Training schedule of the splat trainer: the 3DGS paper's hyper-parameters (Sec. 5, 7 and
// the reference's defaults) with every step-count scaled from the paper's 30,000 iterations to
// ours: scaledSchedule(T) multiplies each interval by T / 30,000 (at T = 3,000: SH degree up
// every 100 steps, densify from step 50 to 1,500, opacity reset every 300), except that
// densification runs at most every MIN_DENSIFY_EVERY steps: its statistic is a gradient averaged
// over the views seen since the last one, and densifying every step or two (T < 3,000 scaled
// literally) multiplied the count ~4x in 25 steps on the sample capture before pruning it back.

export interface SplatSchedule {
  iterations: number;
  /** Position learning rate x scene extent, decayed exponentially from init to final. */
  lrPositionInit: number; lrPositionFinal: number;
  lrFeature: number; /** SH rest uses lrFeature / restLrDivisor. */ restLrDivisor: number;
  lrOpacity: number; lrScaling: number; lrRotation: number;
  shDegreeMax: 0 | 1 | 2 | 3; shUpEvery: number;
  densifyFrom: number; densifyUntil: number; densifyEvery: number;
  /** View-space positional gradient threshold (NDC units, as the reference). */
  densifyGradThreshold: number;
  /** Clone when max scale <= percentDense x extent, else split into splitSamples with scale / (0.8 splitSamples). */
  percentDense: number; splitSamples: number;
  pruneOpacity: number;
  /** Prune Gaussians wider than this fraction of the scene extent (world) ... */
  pruneWorldScale: number;
  /** ... or with a screen radius above this fraction of the image's longer side (0 = off, see densify.ts; 20 px at 800 px would be 0.025). */
  pruneScreenFraction: number;
  opacityResetEvery: number;
  /** Densification never grows the scene beyond this many Gaussians (memory cap). */
  maxGaussians: number;
  ssimWeight: number;
}

export const PAPER_ITERATIONS = 30_000;
export const MIN_DENSIFY_EVERY = 25;

export function scaledSchedule(iterations: number, overrides: Partial<SplatSchedule> = {}): SplatSchedule {
  if (!(Number.isInteger(iterations) && iterations >= 1)) throw new Error(`splat schedule: iterations has bad value ${iterations} (expected an integer >= 1)`);
  const f = iterations / PAPER_ITERATIONS;
  const at = (paper: number) => Math.max(1, Math.round(paper * f));
  const s: SplatSchedule = {
    iterations,
    lrPositionInit: 1.6e-4, lrPositionFinal: 1.6e-6, lrFeature: 2.5e-3, restLrDivisor: 20,
    lrOpacity: 0.05, lrScaling: 5e-3, lrRotation: 1e-3,
    shDegreeMax: 3, shUpEvery: at(1000),
    densifyFrom: at(500), densifyUntil: at(15_000), densifyEvery: Math.max(MIN_DENSIFY_EVERY, at(100)),
    densifyGradThreshold: 2e-4, percentDense: 0.01, splitSamples: 2,
    pruneOpacity: 0.005, pruneWorldScale: 0.1, pruneScreenFraction: 0,
    opacityResetEvery: at(3000), maxGaussians: 200_000, ssimWeight: 0.2,
    ...overrides,
  };
  for (const [k, v] of Object.entries(s)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`splat schedule: field "${k}" has bad value ${JSON.stringify(v)}`);
  }
  if (![0, 1, 2, 3].includes(s.shDegreeMax)) throw new Error(`splat schedule: field "shDegreeMax" has bad value ${s.shDegreeMax} (expected 0..3)`);
  return s;
}

/** Position learning rate at `step` (log-linear from init to final over the run), x extent. */
export function positionLr(s: SplatSchedule, step: number, extent: number): number {
  const t = Math.min(1, Math.max(0, step / Math.max(1, s.iterations)));
  return Math.exp((1 - t) * Math.log(s.lrPositionInit) + t * Math.log(s.lrPositionFinal)) * extent;
}

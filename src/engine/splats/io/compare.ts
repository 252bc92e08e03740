// Compare a SplatScene read back from a file with the scene that was written, within the
// quantisation each format applies (see each codec's header for the encodings). Quantities are
// compared where the formats store them: positions, log-scales, opacity after the sigmoid,
// the DC colour after SH_C0 * f_dc + 0.5 (clamped where the format clamps), quaternions up to
// sign after normalisation (as |<q, r>|), and higher SH coefficients (clamped to the range spz keeps).
import { SH_C0, shCoefficientsPerChannel } from '../types';
import type { SplatScene } from '../types';

export type SplatFileFormat = 'ply' | 'splat' | 'spz' | 'glb';

export interface SplatTolerance {
  position: number;
  logScale: number;
  opacity: number;
  /** On the colour SH_C0 * f_dc + 0.5. */
  colour: number;
  /** Clamp the expected colour to [0, 1] first (8-bit colour formats). */
  clampColour: boolean;
  /** Minimum |<q, r>| of the normalised quaternions. */
  rotationDot: number;
  /** Per SH coefficient: degree 1, degrees 2-3; NaN when the format drops higher bands. */
  sh1: number;
  shHigher: number;
  /** Clamp expected higher SH to [-1, 127/128] first (spz's byte range). */
  clampSh: boolean;
}

const EPS = 1e-5;
export const SPLAT_TOLERANCES: Record<SplatFileFormat, SplatTolerance> = {
  ply: { position: 0, logScale: 0, opacity: 0, colour: 0, clampColour: false, rotationDot: 1 - 1e-6, sh1: 0, shHigher: 0, clampSh: false },
  splat: { position: 0, logScale: EPS, opacity: 0.5 / 255 + EPS, colour: 0.5 / 255 + EPS, clampColour: true, rotationDot: 0.998, sh1: NaN, shHigher: NaN, clampSh: false },
  // positions: half a step of 2^-fractionalBits (12 bits unless the scene is large; see spzPositionTolerance)
  spz: { position: 0.5 / 4096 + EPS, logScale: 0.5 / 16 + EPS, opacity: 0.5 / 255 + EPS, colour: (0.5 / (0.15 * 255)) * SH_C0 + EPS, clampColour: false, rotationDot: 0.998, sh1: 4.5 / 128 + EPS, shHigher: 8.5 / 128 + EPS, clampSh: true },
  glb: { position: 0, logScale: 1e-5, opacity: 1e-6, colour: 1e-6, clampColour: false, rotationDot: 1 - 1e-6, sh1: 0, shHigher: 0, clampSh: false },
};

export interface SplatComparison {
  count: number;
  /** Largest error seen per quantity (rotation: 1 - min |<q, r>|). */
  maxError: Record<'position' | 'logScale' | 'opacity' | 'colour' | 'rotation' | 'sh', number>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Throws `${label}: <quantity> of Gaussian i differs by e (tolerance t)` on the first value out of
 * tolerance. `order[r]` is the expected index of the r-th record read (identity when omitted).
 */
export function compareSplatScenes(expected: SplatScene, actual: SplatScene, tol: SplatTolerance, label: string, order?: Uint32Array): SplatComparison {
  if (actual.count !== expected.count) throw new Error(`${label}: ${actual.count} Gaussians read, ${expected.count} written`);
  const dropsSh = Number.isNaN(tol.sh1);
  const wantDegree = dropsSh ? 0 : expected.shDegree;
  if (actual.shDegree !== wantDegree) throw new Error(`${label}: SH degree ${actual.shDegree} read, expected ${wantDegree}`);
  const max = { position: 0, logScale: 0, opacity: 0, colour: 0, rotation: 0, sh: 0 };
  const check = (what: keyof typeof max, i: number, e: number, t: number) => {
    if (!(e <= t)) throw new Error(`${label}: ${what} of Gaussian ${i} differs by ${e.toPrecision(3)} (tolerance ${t.toPrecision(3)})`);
    if (e > max[what]) max[what] = e;
  };
  const dimE = shCoefficientsPerChannel(expected.shDegree) - 1, dimA = shCoefficientsPerChannel(actual.shDegree) - 1;
  for (let r = 0; r < actual.count; r++) {
    const i = order ? order[r] : r;
    for (let k = 0; k < 3; k++) {
      check('position', i, Math.abs(actual.positions[3 * r + k] - expected.positions[3 * i + k]), tol.position);
      check('logScale', i, Math.abs(actual.logScales[3 * r + k] - expected.logScales[3 * i + k]), tol.logScale);
      let ce = SH_C0 * expected.shDc[3 * i + k] + 0.5;
      if (tol.clampColour) ce = clamp(ce, 0, 1);
      check('colour', i, Math.abs(SH_C0 * actual.shDc[3 * r + k] + 0.5 - ce), tol.colour);
    }
    check('opacity', i, Math.abs(sigmoid(actual.opacityLogits[r]) - sigmoid(expected.opacityLogits[i])), tol.opacity);
    const q = expected.rotations.subarray(4 * i, 4 * i + 4), a = actual.rotations.subarray(4 * r, 4 * r + 4);
    const dot = Math.abs(q[0] * a[0] + q[1] * a[1] + q[2] * a[2] + q[3] * a[3]) / ((Math.hypot(q[0], q[1], q[2], q[3]) * Math.hypot(a[0], a[1], a[2], a[3])) || 1);
    check('rotation', i, 1 - dot, 1 - tol.rotationDot);
    if (dropsSh) continue;
    for (let ch = 0; ch < 3; ch++) {
      for (let c = 0; c < dimA; c++) {
        let e = expected.shRest[3 * dimE * i + dimE * ch + c];
        if (tol.clampSh) e = clamp(e, -1, 127 / 128);
        check('sh', i, Math.abs(actual.shRest[3 * dimA * r + dimA * ch + c] - e), c < 3 ? tol.sh1 : tol.shHigher);
      }
    }
  }
  return { count: actual.count, maxError: max };
}

// SIREN image (Sitzmann et al. 2020, "Implicit Neural Representations with Periodic Activation Functions"):
// an MLP from pixel coordinates (x, y) in [-1, 1]^2 to RGB,
//   h_1 = sin(w0 (W_1 p + b_1)),  h_l = sin(w0h (W_l h_{l-1} + b_l)),  rgb = W_L h + b_L   (their Eq. 1-2)
// with their initialisation (Sec. 3.2 and their code): first layer W ~ U(-1/n, 1/n); hidden layers
// W ~ U(-sqrt(6/n)/w0h, sqrt(6/n)/w0h); biases U(-1/sqrt(n), 1/sqrt(n)) (PyTorch Linear default, as their
// code keeps); w0 = w0h = 30. DDRep starts at f(theta) ~ 0 (notes §1.8), so the last layer can start at
// zero (`zeroLastLayer`). Paper's SIREN (notes §1.10): depth 3, width 256 for a 4x64x64 latent; ours is depth
// 3, width 64 (8.6k parameters) for a 32x32x3 image: in DDRep with the prior (bench/ddrep-siren.ts, 50 steps,
// inner fit to tolerance 0.1) its sample is 44.2 dB PSNR from the exact pixel-grid DDRep sample of the same
// seed, at ~30 ms CPU per inner Adam iteration vs ~76 ms for width 128 (the matMuls and sines scale with it).
// The sine layers use sine-activation.ts (one typed-array pass for sin and its derivative on wasm/cpu).
// One view; the noise canvas is the image's shape.
import type { Tf, Tensor } from '../tf';

type Tensor2D = import('@tensorflow/tfjs').Tensor2D;
import { mulberry32 } from '../data/procedural/prng';
import { addBias, matMul2d } from '../fields';
import { sineLayer } from './sine-activation';
import { checkSize } from './pixel-grid';
import type { DifferentiableRep, RepView } from './types';

export interface SirenConfig {
  kind: 'siren';
  height: number;
  width: number;
  /** Hidden (sine) layers, each `hidden` wide. */
  layers: number;
  hidden: number;
  /** w0 of the first layer (Sitzmann: 30). */
  w0: number;
  /** w0 of hidden layers (Sitzmann's code: 30). */
  w0Hidden: number;
  /** Start with a zero output layer so f(theta) = 0 (notes §1.8). */
  zeroLastLayer: boolean;
  seed: number;
  cond: number[] | null;
  /** Adam lr (notes §4.2: 1e-3 .. 3e-4 for SIRENs). */
  lr: number;
  /**
   * DDRep inner-fit early stop (inner-fit.ts): 0.1 = stop once 90% of the requested step is achieved. Warm
   * started at theta, the fit only has to make the small image-space DDIM step, which a 3x64 SIREN does in
   * ~70 Adam iterations on average instead of the 200-iteration cap (bench/ddrep-siren.ts, 50 steps: 67.7
   * iterations a step, unachieved fraction median 0.082, sample 44.2 dB from the exact pixel-grid DDRep
   * sample of the same seed; a fixed 50 iterations leaves a median 0.27 unachieved and 33.6 dB).
   */
  fitTolerance: number;
}

export const SIREN_DEFAULTS: SirenConfig = {
  kind: 'siren', height: 32, width: 32, layers: 3, hidden: 64, w0: 30, w0Hidden: 30,
  zeroLastLayer: true, seed: 1, cond: null, lr: 1e-3, fitTolerance: 0.1,
};

const FILE = 'ddrep/siren.ts';

export function siren(tf: Tf, config: Partial<SirenConfig> = {}): DifferentiableRep {
  const c: SirenConfig = { ...SIREN_DEFAULTS, ...config, kind: 'siren' };
  for (const f of ['height', 'width', 'layers', 'hidden'] as const) checkSize(FILE, f, c[f]);
  if (!(c.fitTolerance >= 0 && c.fitTolerance < 1)) throw new Error(`${FILE}: fitTolerance must be in [0, 1), got ${c.fitTolerance}`);
  if (!(c.w0 > 0) || !(c.w0Hidden > 0)) throw new Error(`${FILE}: w0 and w0Hidden must be > 0, got ${c.w0}, ${c.w0Hidden}`);
  const rng = mulberry32(c.seed);
  const uniform = (shape: number[], bound: number) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Float32Array.from({ length: n }, () => (2 * rng() - 1) * bound), shape);
  };
  const weights: import('@tensorflow/tfjs').Variable[] = [];
  const biases: import('@tensorflow/tfjs').Variable[] = [];
  const dims = [2, ...Array.from({ length: c.layers }, () => c.hidden), 3];
  for (let l = 0; l + 1 < dims.length; l++) {
    const nIn = dims[l]; const nOut = dims[l + 1];
    const last = l + 2 === dims.length;
    const wBound = l === 0 ? 1 / nIn : Math.sqrt(6 / nIn) / c.w0Hidden;
    // Variables are not freed by tidy; their initial values are. Names stay unique per instance.
    weights.push(tf.tidy(() => tf.variable(last && c.zeroLastLayer ? tf.zeros([nIn, nOut]) : uniform([nIn, nOut], wBound), true)));
    biases.push(tf.tidy(() => tf.variable(last && c.zeroLastLayer ? tf.zeros([nOut]) : uniform([nOut], 1 / Math.sqrt(nIn)), true)));
  }
  // [H W, 2] pixel-centre coordinates in [-1, 1]^2, (x, y) order, row-major.
  const coords = tf.tidy(() => {
    const lin = (n: number) => Array.from({ length: n }, (_, i) => (n === 1 ? 0 : -1 + (2 * i) / (n - 1)));
    const xs = lin(c.width); const ys = lin(c.height);
    return tf.tensor2d(ys.flatMap((y) => xs.flatMap((x) => [x, y])), [c.height * c.width, 2]);
  });
  const view: RepView = { key: 'image', cond: c.cond };
  return {
    config: c,
    parameters: [...weights, ...biases],
    viewSize: [c.height, c.width],
    noiseShape: [c.height, c.width, 3],
    suggestedLr: c.lr,
    suggestedTolerance: c.fitTolerance,
    render: (): Tensor => tf.tidy(() => {
      let h: Tensor = coords;
      for (let l = 0; l < weights.length; l++) {
        const z = matMul2d(tf, h as Tensor2D, weights[l] as Tensor2D); // [H W, n_out]
        h = l + 1 === weights.length ? addBias(tf, z, biases[l]) : sineLayer(tf, z, biases[l], l === 0 ? c.w0 : c.w0Hidden);
      }
      return tf.reshape(h, [c.height, c.width, 3]);
    }),
    sampleViews: () => [view],
    viewNoise: (noise) => noise.clone(),
    dispose: () => { tf.dispose([...weights, ...biases, coords]); },
  };
}

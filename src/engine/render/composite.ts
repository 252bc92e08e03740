// Alpha compositing along rays: the quadrature of the volume rendering integral
// (NeRF, Mildenhall et al. 2020, Eq. 3; Max 1995):
//
//   delta_i = e_{i+1} - e_i                       (interval length)        code: deltas
//   alpha_i = 1 - exp(-sigma_i delta_i)                                     code: alpha
//   T_i     = exp(-sum_{j<i} sigma_j delta_j)     (transmittance)          code: trans
//   w_i     = T_i alpha_i                                                   code: weights
//   C       = sum_i w_i c_i + (1 - sum_i w_i) c_bg                          code: rgb
//   D       = sum_i w_i t_i                       (expected depth)         code: depth
//   A       = sum_i w_i                           (opacity)                code: opacity
//   F       = sum_i w_i f_i                       (feature channel, DFM Sec. 3) code: features
//
// Differentiable with respect to sigma, rgb, features, t and edges (and a tensor background).
// T_i uses an exclusive cumulative sum in log space rather than a cumulative product of
// (1 - alpha): this is stable and has a simple gradient on every backend.
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import { exclusiveCumsum } from './cumsum';
import type { Background, CompositeResult } from './types';

type Tensor2D = tfNamespace.Tensor2D;
type Tensor3D = tfNamespace.Tensor3D;

export interface CompositeInput {
  /** [N, S] density >= 0. */
  sigma: Tensor2D;
  /** [N, S, 3] colour. */
  rgb: Tensor3D;
  /** [N, S, F] optional features. */
  features?: Tensor3D;
  /** [N, S] sample distances. */
  t: Tensor2D;
  /** [N, S + 1] interval edges around the samples. */
  edges: Tensor2D;
}

const FILE = 'src/engine/render/composite.ts';

function checkShapes(input: CompositeInput): void {
  const [n, s] = input.sigma.shape;
  const expect = (name: string, shape: number[], want: number[]) => {
    if (shape.length !== want.length || shape.some((d, i) => d !== want[i])) {
      throw new Error(`${FILE}: ${name} has shape [${shape.join(', ')}], expected [${want.join(', ')}]`);
    }
  };
  if (input.sigma.rank !== 2) throw new Error(`${FILE}: sigma must be [N, S], got rank ${input.sigma.rank}`);
  expect('rgb', input.rgb.shape, [n, s, 3]);
  expect('t', input.t.shape, [n, s]);
  expect('edges', input.edges.shape, [n, s + 1]);
  if (input.features) expect('features', input.features.shape, [n, s, input.features.shape[2]]);
}

/** Compositing weights w_i = T_i alpha_i. sigma [N, S], edges [N, S + 1] -> [N, S]. */
export function compositeWeights(tf: Tf, sigma: Tensor2D, edges: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const s = sigma.shape[1];
    const deltas = edges.slice([0, 1], [-1, s]).sub(edges.slice([0, 0], [-1, s])); // [N, S]
    const tau = sigma.mul(deltas); // [N, S] optical thickness of each interval
    const alpha = tf.scalar(1).sub(tf.exp(tau.neg())); // [N, S]
    const trans = tf.exp(exclusiveCumsum(tf, tau as Tensor2D).neg()); // [N, S], T_0 = 1
    return trans.mul(alpha) as Tensor2D;
  });
}

/** Composite one batch of samples into pixels (see header for the equations). */
export function composite(tf: Tf, input: CompositeInput, background: Background): CompositeResult {
  checkShapes(input);
  return tf.tidy((): tfNamespace.TensorContainerObject => {
    const weights = compositeWeights(tf, input.sigma, input.edges); // [N, S]
    const w3 = weights.expandDims(2); // [N, S, 1]
    const opacity = weights.sum(1) as tfNamespace.Tensor1D; // [N]
    const bg = Array.isArray(background)
      ? tf.tensor2d([background as number[]], [1, 3]) // [1, 3]
      : (background as Tensor2D); // [N, 3]
    const rgb = input.rgb.mul(w3).sum(1).add(tf.scalar(1).sub(opacity).reshape([-1, 1]).mul(bg)) as Tensor2D; // [N, 3]
    const depth = weights.mul(input.t).sum(1) as tfNamespace.Tensor1D; // [N]
    const out: CompositeResult = { rgb, depth, opacity, weights };
    if (input.features) out.features = input.features.mul(w3).sum(1) as Tensor2D; // [N, F]
    return out as unknown as tfNamespace.TensorContainerObject;
  }) as unknown as CompositeResult;
}

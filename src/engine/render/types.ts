// Types and defaults of the functional volume renderer (nerfacc style: the field is a callback).
import type * as tfNamespace from '@tensorflow/tfjs';

type Tensor1D = tfNamespace.Tensor1D;
type Tensor2D = tfNamespace.Tensor2D;
type Tensor3D = tfNamespace.Tensor3D;

/** What a radiance field returns for a batch of sample points. */
export interface FieldOutput {
  /** [N, S] volume density, must be >= 0 (apply softplus/relu/exp inside the field). */
  sigma: Tensor2D;
  /** [N, S, 3] emitted colour, usually in [0, 1]. */
  rgb: Tensor3D;
  /** [N, S, F] optional feature channel composited like colour (pixelNeRF/DFM features). */
  features?: Tensor3D;
}

/**
 * The field callback. `points` [N, S, 3] are world-space sample positions, `dirs` [N, 3] the
 * unit ray directions (one per ray; broadcast over samples inside the field if needed).
 */
export type FieldFn = (points: Tensor3D, dirs: Tensor2D) => FieldOutput;

/** A batch of rays as tensors. */
export interface RayTensors {
  /** [N, 3] ray origins. */
  origins: Tensor2D;
  /** [N, 3] ray directions; unit length for `depth` to be metric. */
  directions: Tensor2D;
  /** [N] optional per-ray near bound (overrides `RenderOptions.near`). */
  near?: Tensor1D;
  /** [N] optional per-ray far bound (overrides `RenderOptions.far`). */
  far?: Tensor1D;
}

/** RGB background: a constant colour or a per-ray tensor [N, 3] (e.g. random backgrounds). */
export type Background = readonly [number, number, number] | Tensor2D;

export interface RenderOptions {
  /** Near bound along the ray (distance units of the directions). */
  near: number;
  /** Far bound along the ray. */
  far: number;
  /** Coarse (stratified) samples per ray, S. */
  samples: number;
  /** Extra samples per ray drawn from the coarse weights (hierarchical pass); 0 disables it. */
  importanceSamples: number;
  /** Training: jittered stratified samples and random importance samples; else deterministic. */
  training: boolean;
  /** Seed for the jitter and importance sampling random numbers (training only). */
  seed: number | null;
  /** Background colour composited behind the volume. */
  background: Background;
  /** Added to the coarse weights before building the importance PDF (keeps every bin reachable). */
  importancePadding: number;
}

export const RENDER_DEFAULTS: RenderOptions = {
  near: 2,
  far: 6,
  samples: 64,
  importanceSamples: 0,
  training: false,
  seed: null,
  background: [1, 1, 1],
  importancePadding: 0.01,
};

/** Samples along a batch of rays, as intervals [edges_i, edges_{i+1}] holding point t_i. */
export interface RaySamples {
  /** [N, S] sample distances (where the field is evaluated), ascending. */
  t: Tensor2D;
  /** [N, S + 1] interval edges, ascending; edges[:, 0] = near, edges[:, S] = far. */
  edges: Tensor2D;
}

/** Output of `composite`. */
export interface CompositeResult {
  /** [N, 3] colour including the background. */
  rgb: Tensor2D;
  /** [N] expected termination distance sum_i w_i t_i (background contributes 0; divide by opacity for the hit depth). */
  depth: Tensor1D;
  /** [N] accumulated alpha sum_i w_i. */
  opacity: Tensor1D;
  /** [N, S] compositing weights w_i = T_i alpha_i. */
  weights: Tensor2D;
  /** [N, F] composited features (no background), when the field returned features. */
  features?: Tensor2D;
}

/** Output of `renderRays`: the final (fine, when importance sampling is on) pass. */
export interface RenderResult extends CompositeResult {
  /** [N, S'] sample distances of the final pass. */
  t: Tensor2D;
  /** [N, S' + 1] interval edges of the final pass (input of `distortionLoss` after `normalizeEdges`). */
  edges: Tensor2D;
  /** The coarse pass when `importanceSamples > 0` (NeRF trains both). */
  coarse?: CompositeResult & { t: Tensor2D; edges: Tensor2D };
}

// The contract between DDRep/SDS/SJC and (a) a differentiable representation ("diffrep"), (b) a prior.
//
// Code name                 paper / notes symbol (notes = ../shared/notes/ddrep.md)
//   DifferentiableRep        the diffrep, parameters theta, render function f(theta)(pi)   (paper Sec. 2-3)
//   rep.render(view)         f(theta)(pi): one view, image [H, W, 3], differentiable w.r.t. theta
//   rep.sampleViews(rng, n)  pi ~ the view distribution (notes §1.3: K views per step)
//   rep.noiseShape           the "noise canvas" E of the separated noise (notes §1.4)
//   rep.viewNoise(E, view)   eps_pi: the managed noise seen from view pi (a crop of E for a panorama)
//   Prior.denoise            eps_hat(x_t, t, c) or x0_hat(x_t, t, c) of a VP (DDPM) model, T train steps
//   ViewCond                 c_pi: the view's conditioning vector (elevation/azimuth...) or null (uncond.)
import type { NoiseSchedule } from '../diffusion';
import type { Tf, Tensor } from '../tf';

/** Uniform [0, 1) generator (mulberry32 from data/procedural). */
export type Rng = () => number;

/** A view of a representation. `cond` is what the prior is conditioned on for this view. */
export interface RepView {
  /** Stable identity, e.g. 'image', 'crop@17'. Used for logging and tests. */
  key: string;
  /** View conditioning vector handed to the denoiser; null if the prior is unconditional. */
  cond: readonly number[] | null;
}

export interface DifferentiableRep<V extends RepView = RepView> {
  /** JSON config that rebuilds this representation's structure (not its weights). */
  readonly config: { kind: string };
  /** theta: every trainable tensor (empty for a rep whose theta lives outside tfjs and has fitViews). */
  readonly parameters: readonly import('@tensorflow/tfjs').Variable[];
  /** [H, W] of one rendered view. */
  readonly viewSize: readonly [number, number];
  /** Shape of the managed-noise canvas E (notes §1.4), e.g. [H, W, 3] or [H, Wcanvas, 3]. */
  readonly noiseShape: readonly number[];
  /** Adam learning rate that suits this parameterisation (used when an options lr is null). */
  readonly suggestedLr: number;
  /** Early-stop tolerance of DDRep's inner Adam fit that suits it (inner-fit.ts; used when the options' is null). */
  readonly suggestedTolerance?: number;
  /** f(theta)(view) -> [H, W, 3]; differentiable w.r.t. `parameters`. Call inside tf.tidy / a gradient. */
  render(view: V): Tensor;
  /** At most n views from the view distribution (a single-view rep returns its one view). */
  sampleViews(rng: Rng, n: number): V[];
  /** The managed noise eps_pi [H, W, 3] that view sees on the canvas E (noiseShape). Not differentiable. */
  viewNoise(noise: Tensor, view: V): Tensor;
  /**
   * Optional closed-form least squares: set theta to argmin sum_k ||f(theta)(v_k) - target_k||^2 with the
   * minimum-norm change (parameters no view sees keep their value). Only linear renders offer it.
   */
  solveLeastSquares?(views: readonly V[], targets: readonly Tensor[]): void;
  /**
   * Optional own solver, for renders that tfjs cannot differentiate (the voxel field: tfjs-wasm has no
   * gather backward): Adam on (1/K) sum_k mean ||f(theta)(v_k) - target_k||^2, warm-started at theta, updating
   * theta in place; resolves to that loss after the last update. inner-fit.ts uses it for DDRep's per-step
   * fit; SDS/SJC use it for their pull-back step (distill-common.ts). Targets are not disposed.
   */
  fitViews?(views: readonly V[], targets: readonly Tensor[], options: RepFitOptions): Promise<number>;
  /** Free the variables. */
  dispose(): void;
}

/** Options of a representation's own solver (DifferentiableRep.fitViews). */
export interface RepFitOptions {
  iterations: number;
  /** Adam learning rate in the rep's own units; null = its suggestedLr. */
  lr: number | null;
  /** Keep the optimiser's moments from the previous call (SDS/SJC's one optimiser); false = fresh Adam. */
  keepState: boolean;
}

/** Batched view conditioning: one vector per batch row, or null for the unconditional branch. */
export type ViewCondBatch = readonly (readonly number[] | null)[] | null;

/**
 * The pluggable prior. `denoise` gets the VP-form noisy batch x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps
 * ([B, H, W, 3]), an integer train timestep t in [0, T), and the views' conditions (null = unconditional,
 * the classifier-free-guidance branch). It returns eps_hat or x0_hat ([B, H, W, 3]) as `prediction` says.
 * The caller disposes the returned tensor; the prior must not keep or dispose its input.
 */
export interface Prior {
  readonly schedule: NoiseSchedule;
  readonly prediction: 'epsilon' | 'x0';
  denoise(xNoisy: Tensor, t: number, cond: ViewCondBatch): Tensor | Promise<Tensor>;
}

/** Progress of any of the three methods, once per outer step. */
export interface StepInfo {
  index: number;
  total: number;
  /** Train timestep t of this step. */
  t: number;
  /** Inner-fit / distillation loss after the update (mean squared error per element for DDRep). */
  loss: number;
  /** DDRep: unachieved fraction ||f(theta') - target|| / ||target - f(theta)|| (notes §4.4); else NaN. */
  unachieved: number;
  denoiserCalls: number;
  /** DDRep: Adam iterations of this step's inner fit(s) (< the cap after an early stop, inner-fit.ts); else absent. */
  innerIterations?: number;
}

export interface RunStats {
  steps: number;
  denoiserCalls: number;
  seconds: number;
  stopped: boolean;
  /** Per outer step, as in StepInfo. */
  losses: number[];
  unachieved: number[];
}

export type { Tf };

/** Every representation's JSON config (discriminated on kind). */
export type DiffrepConfig =
  | import('./pixel-grid').PixelGridConfig
  | import('./canvas-panorama').CanvasPanoramaConfig
  | import('./siren').SirenConfig
  | import('./field').FieldConfig;

/** Every method's JSON config (discriminated on kind), saved with each result. */
export type DiffrepMethodConfig =
  | import('./ddrep').DdrepConfig
  | import('./sds').SdsConfig
  | import('./sjc').SjcConfig;

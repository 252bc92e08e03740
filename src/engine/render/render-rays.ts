// renderRays: the whole functional volume renderer for one batch of rays.
//
// Steps (NeRF, Mildenhall et al. 2020, Sec. 4-5):
//   1. near/far per ray [N] (from the rays or the options).
//   2. Coarse pass: stratified samples t [N, S] (jittered when training, midpoints otherwise),
//      points x = o + t d [N, S, 3], field(x, d), composite (Eq. 3).
//   3. Optional fine pass: importanceSamples K more samples from the coarse weights (Eq. 5,
//      inverse CDF, not differentiable), merged with the coarse ones: [N, S + K]; field again,
//      composite. The coarse result is returned too, so callers can supervise both passes.
// Gradients flow from every output into the field (and the rays' origins/directions), never
// through the sample positions of step 3.
import type { Tf } from '../tf';
import type * as tfNamespace from '@tensorflow/tfjs';
import { composite } from './composite';
import { importanceSample, stratifiedSamples } from './sampling';
import { RENDER_DEFAULTS } from './types';
import type { CompositeResult, FieldFn, RaySamples, RayTensors, RenderOptions, RenderResult } from './types';

type Tensor1D = tfNamespace.Tensor1D;
type Tensor2D = tfNamespace.Tensor2D;
type Tensor3D = tfNamespace.Tensor3D;

const FILE = 'src/engine/render/render-rays.ts';

/** Merge partial options with RENDER_DEFAULTS and validate them (errors name file, field, value). */
export function resolveRenderOptions(options: Partial<RenderOptions> = {}): RenderOptions {
  const o: RenderOptions = { ...RENDER_DEFAULTS, ...options };
  const bad = (field: string, value: unknown, want: string) =>
    new Error(`${FILE}: options.${field} must be ${want}, got ${JSON.stringify(value)}`);
  if (!Number.isFinite(o.near) || o.near < 0) throw bad('near', o.near, 'a finite number >= 0');
  if (!Number.isFinite(o.far) || o.far <= o.near) throw bad('far', o.far, `a finite number > near (${o.near})`);
  if (!Number.isInteger(o.samples) || o.samples < 1) throw bad('samples', o.samples, 'an integer >= 1');
  if (!Number.isInteger(o.importanceSamples) || o.importanceSamples < 0) {
    throw bad('importanceSamples', o.importanceSamples, 'an integer >= 0');
  }
  if (!Number.isFinite(o.importancePadding) || o.importancePadding < 0) {
    throw bad('importancePadding', o.importancePadding, 'a finite number >= 0');
  }
  if (o.seed !== null && !Number.isFinite(o.seed)) throw bad('seed', o.seed, 'a finite number or null');
  if (Array.isArray(o.background) && (o.background.length !== 3 || !o.background.every(Number.isFinite))) {
    throw bad('background', o.background, 'three finite numbers or a [N, 3] tensor');
  }
  return o;
}

/** Sample points along the rays: origins/dirs [N, 3], t [N, S] -> [N, S, 3]. */
export function pointsAlongRays(tf: Tf, origins: Tensor2D, dirs: Tensor2D, t: Tensor2D): Tensor3D {
  return tf.tidy(() => origins.expandDims(1).add(dirs.expandDims(1).mul(t.expandDims(2))) as Tensor3D);
}

function evaluate(
  tf: Tf, field: FieldFn, rays: RayTensors, samples: RaySamples, background: RenderOptions['background'],
): CompositeResult {
  const [n, s] = samples.t.shape;
  const points = pointsAlongRays(tf, rays.origins, rays.directions, samples.t); // [N, S, 3]
  const out = field(points, rays.directions);
  const check = (name: string, shape: number[] | undefined, want: number[]) => {
    if (!shape || shape.length !== want.length || shape.some((d, i) => d !== want[i])) {
      throw new Error(`${FILE}: field output ${name} has shape [${shape?.join(', ')}], expected [${want.join(', ')}]`);
    }
  };
  check('sigma', out.sigma?.shape, [n, s]);
  check('rgb', out.rgb?.shape, [n, s, 3]);
  if (out.features) check('features', out.features.shape, [n, s, out.features.shape[2]]);
  return composite(tf, { ...out, t: samples.t, edges: samples.edges }, background);
}

/**
 * Render a batch of rays through a field. rays: origins/directions [N, 3] (optional near/far [N]).
 * Returns tensors the caller owns (call inside tf.tidy or an optimizer closure, or dispose).
 */
export function renderRays(
  tf: Tf, field: FieldFn, rays: RayTensors, options: Partial<RenderOptions> = {},
): RenderResult {
  const o = resolveRenderOptions(options);
  const n = rays.origins.shape[0];
  if (rays.origins.rank !== 2 || rays.origins.shape[1] !== 3) {
    throw new Error(`${FILE}: rays.origins must be [N, 3], got [${rays.origins.shape.join(', ')}]`);
  }
  if (rays.directions.shape[0] !== n || rays.directions.shape[1] !== 3) {
    throw new Error(`${FILE}: rays.directions must be [${n}, 3], got [${rays.directions.shape.join(', ')}]`);
  }
  for (const key of ['near', 'far'] as const) {
    const v = rays[key];
    if (v && (v.rank !== 1 || v.shape[0] !== n)) {
      throw new Error(`${FILE}: rays.${key} must be [${n}], got [${v.shape.join(', ')}]`);
    }
  }
  if (!Array.isArray(o.background)) {
    const bg = o.background as Tensor2D;
    if (bg.shape[0] !== n || bg.shape[1] !== 3) {
      throw new Error(`${FILE}: options.background tensor must be [${n}, 3], got [${bg.shape.join(', ')}]`);
    }
  }
  return tf.tidy(() => {
    // 1. Bounds [N].
    const near: Tensor1D = rays.near ?? tf.fill([n], o.near);
    const far: Tensor1D = rays.far ?? tf.fill([n], o.far);
    // 2. Coarse pass.
    const coarseSamples = stratifiedSamples(tf, near, far, o.samples, o.training, o.seed);
    const coarse = evaluate(tf, field, rays, coarseSamples, o.background);
    if (o.importanceSamples === 0) return { ...coarse, ...coarseSamples };
    // 3. Fine pass.
    const fineSeed = o.seed === null ? null : o.seed + 1;
    const fineSamples = importanceSample(
      tf, coarseSamples, coarse.weights, near, far, o.importanceSamples, o.training, fineSeed, o.importancePadding,
    );
    const fine = evaluate(tf, field, rays, fineSamples, o.background);
    return { ...fine, ...fineSamples, coarse: { ...coarse, ...coarseSamples } };
  }) as RenderResult;
}

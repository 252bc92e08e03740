// Engine job for the compute host: per-scene volume fitting with the engine's own modules —
// a procedural multi-view capture (src/engine/data/procedural), camera rays
// (src/engine/camera) and the functional volume renderer (src/engine/render) — optimising a
// small positional-encoding MLP radiance field with Adam on random ray batches.
// (Placeholder for the recon engine's fitScene until src/engine/recon lands.)
//
// Symbols: C(r) = sum_i T_i (1 - exp(-sigma_i delta_i)) c_i (volume rendering, NeRF eq. 3),
// loss = mean over the ray batch of ||C(r) - C_gt(r)||^2.
import type * as tfNs from '@tensorflow/tfjs';
import { generateRays } from '../../engine/camera';
import { demoScene, renderProceduralCapture } from '../../engine/data/procedural';
import { raysToTensors, renderRays } from '../../engine/render';
import type { VolumeFitJob } from '../../shared/compute-protocol';
import { runFitLoop, variableFactory, type FitResult, type JobHooks } from './fit-loop';

type Tf = typeof tfNs;
const FREQUENCIES = 4;

interface TrainingRays {
  origins: Float32Array; // [R * 3]
  directions: Float32Array; // [R * 3]
  colors: Float32Array; // [R * 3]
  count: number;
}

function captureRays(job: VolumeFitJob): { rays: TrainingRays; near: number; far: number; background: [number, number, number]; aabb: { min: number[]; max: number[] } } {
  const { capture } = renderProceduralCapture({
    scene: demoScene(), width: job.size, height: job.size, views: { train: job.views, test: 0 }, supersample: 1, seed: job.seed,
  });
  const perView = job.size * job.size;
  const count = capture.views.length * perView;
  const rays: TrainingRays = {
    origins: new Float32Array(count * 3), directions: new Float32Array(count * 3), colors: new Float32Array(count * 3), count,
  };
  capture.views.forEach((view, v) => {
    const r = generateRays(view.intrinsics, view.c2w);
    rays.origins.set(r.origins, v * perView * 3);
    rays.directions.set(r.directions, v * perView * 3);
    rays.colors.set(view.image.data.subarray(0, perView * 3), v * perView * 3);
  });
  return { rays, near: capture.near, far: capture.far, background: capture.background, aabb: capture.aabb };
}

function pick(rays: TrainingRays, indices: Int32Array) {
  const o = new Float32Array(indices.length * 3);
  const d = new Float32Array(indices.length * 3);
  const c = new Float32Array(indices.length * 3);
  indices.forEach((ray, i) => {
    o.set(rays.origins.subarray(ray * 3, ray * 3 + 3), i * 3);
    d.set(rays.directions.subarray(ray * 3, ray * 3 + 3), i * 3);
    c.set(rays.colors.subarray(ray * 3, ray * 3 + 3), i * 3);
  });
  return { bundle: { origins: o, directions: d, count: indices.length }, colors: c };
}

export async function runVolumeFitJob(
  tf: Tf,
  job: VolumeFitJob,
  hooks: JobHooks,
): Promise<FitResult> {
  const tensorsBefore = tf.memory().numTensors;
  const { rays, near, far, background, aabb } = captureRays(job);
  const center = aabb.min.map((v, i) => (v + aabb.max[i]) / 2);
  const half = Math.max(...aabb.min.map((v, i) => (aabb.max[i] - v) / 2));
  const inDim = 3 + 6 * FREQUENCIES;
  const { he, zeros } = variableFactory(tf);
  const vars = [
    he([inDim, job.hidden], job.seed), zeros(job.hidden),
    he([job.hidden, 4], job.seed + 1), zeros(4),
  ];
  const centerT = tf.tensor1d(center);
  // The field: points [N, S, 3] -> sigma [N, S] (softplus), rgb [N, S, 3] (sigmoid).
  const field = (points: tfNs.Tensor3D) => {
    const [n, s] = points.shape;
    const x = points.reshape([n * s, 3]).sub(centerT).div(half) as tfNs.Tensor2D; // [P, 3] in ~[-1, 1]
    const parts: tfNs.Tensor2D[] = [x];
    for (let k = 0; k < FREQUENCIES; k++) {
      const scaled = x.mul(Math.PI * 2 ** k) as tfNs.Tensor2D;
      parts.push(tf.sin(scaled), tf.cos(scaled));
    }
    const h = tf.relu(tf.concat(parts, 1).matMul(vars[0]).add(vars[1]));
    const out = h.matMul(vars[2]).add(vars[3]) as tfNs.Tensor2D; // [P, 4]
    const sigma = tf.softplus(out.slice([0, 0], [-1, 1]).sub(1)).mul(10).reshape([n, s]) as tfNs.Tensor2D;
    const rgb = tf.sigmoid(out.slice([0, 1], [-1, 3])).reshape([n, s, 3]) as tfNs.Tensor3D;
    return { sigma, rgb };
  };
  const optimizer = tf.train.adam(job.learningRate);
  let rng = job.seed >>> 0 || 1;
  const nextIndex = () => {
    rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0;
    return rng % rays.count;
  };

  const step = async (index: number): Promise<number> => {
    const batch = pick(rays, Int32Array.from({ length: job.batchRays }, nextIndex));
    const rayTensors = raysToTensors(tf, batch.bundle);
    const target = tf.tensor2d(batch.colors, [job.batchRays, 3]);
    const value = optimizer.minimize(() => {
      const result = renderRays(tf, field, rayTensors, {
        near, far, samples: job.samples, training: true, seed: job.seed + index, background,
      });
      return tf.losses.meanSquaredError(target, result.rgb) as tfNs.Scalar;
    }, true, vars) as tfNs.Scalar;
    const loss = (await value.data())[0];
    tf.dispose([value, target, rayTensors.origins, rayTensors.directions]);
    return loss;
  };
  const dispose = () => {
    tf.dispose([centerT, ...vars]);
    optimizer.dispose();
  };
  return runFitLoop(tf, { steps: job.steps, hooks, step, dispose, tensorsBefore });
}

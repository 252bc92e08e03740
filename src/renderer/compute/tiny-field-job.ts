// A small, real engine job for the compute host: fit an image field f(x, y) -> rgb (Fourier
// features, 2 hidden ReLU layers, sigmoid output) to a procedural image with Adam, reporting
// the MSE loss and PSNR each step. Same structure as the Node runners: progress, stop, result.
import type * as tfNs from '@tensorflow/tfjs';
import type { TinyFieldJob } from '../../shared/compute-protocol';
import { runFitLoop, variableFactory, type FitResult, type JobHooks } from './fit-loop';

type Tf = typeof tfNs;
const FREQUENCIES = 4;

/** Procedural target, size x size RGB in [0,1]: [size*size, 3] row-major. */
export function proceduralImage(size: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / (size - 1);
      const v = y / (size - 1);
      const i = (y * size + x) * 3;
      out[i] = 0.5 + 0.5 * Math.sin(2 * Math.PI * u);
      out[i + 1] = 0.5 + 0.5 * Math.cos(2 * Math.PI * v);
      out[i + 2] = u * v;
    }
  }
  return out;
}

/** Fourier features of coordinates: [n, 2] -> [n, 2 + 4 * FREQUENCIES]. */
function encode(tf: Tf, coords: tfNs.Tensor2D): tfNs.Tensor2D {
  return tf.tidy(() => {
    const parts: tfNs.Tensor2D[] = [coords];
    for (let k = 0; k < FREQUENCIES; k++) {
      const scaled = coords.mul(Math.PI * 2 ** k) as tfNs.Tensor2D;
      parts.push(tf.sin(scaled), tf.cos(scaled));
    }
    return tf.concat(parts, 1);
  });
}

export async function runTinyFieldJob(
  tf: Tf,
  job: TinyFieldJob,
  hooks: JobHooks,
): Promise<FitResult> {
  const tensorsBefore = tf.memory().numTensors;
  const n = job.size * job.size;
  const coordsData = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    coordsData[2 * i] = (i % job.size) / (job.size - 1);
    coordsData[2 * i + 1] = Math.floor(i / job.size) / (job.size - 1);
  }
  const coords = tf.tensor2d(coordsData, [n, 2]);
  const features = encode(tf, coords); // [n, 2 + 4F]
  const target = tf.tensor2d(proceduralImage(job.size), [n, 3]); // [n, 3]
  const inDim = features.shape[1];
  const { he, zeros } = variableFactory(tf);
  const vars = [
    he([inDim, job.hidden], job.seed), zeros(job.hidden),
    he([job.hidden, job.hidden], job.seed + 1), zeros(job.hidden),
    he([job.hidden, 3], job.seed + 2), zeros(3),
  ];
  const optimizer = tf.train.adam(job.learningRate);
  const predict = () => {
    const h1 = tf.relu(features.matMul(vars[0]).add(vars[1]));
    const h2 = tf.relu(h1.matMul(vars[2]).add(vars[3]));
    return tf.sigmoid(h2.matMul(vars[4]).add(vars[5])); // [n, 3]
  };
  const lossFn = () => tf.losses.meanSquaredError(target, predict()) as tfNs.Scalar;

  const step = async (): Promise<number> => {
    const value = optimizer.minimize(lossFn, true, vars) as tfNs.Scalar;
    const loss = (await value.data())[0];
    value.dispose();
    return loss;
  };
  const dispose = () => {
    tf.dispose([coords, features, target, ...vars]);
    optimizer.dispose();
  };
  return runFitLoop(tf, { steps: job.steps, hooks, step, dispose, tensorsBefore });
}

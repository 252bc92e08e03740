import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../testing/backends';
import { matMulExplicit, tinyMlpField, tinyMlpInit } from './test-field';
import { randomArray } from './test-utils';

beforeAll(async () => {
  const status = await useBackend('cpu');
  if (!status.ok) throw new Error(status.reason);
});

it('matMulExplicit has the value and gradients of tf.matMul', () => {
  const before = tf.memory().numTensors;
  const a = tf.tensor2d(randomArray(12, 1, -1, 1), [4, 3]);
  const b = tf.tensor2d(randomArray(6, 2, -1, 1), [3, 2]);
  const probe = tf.tensor2d(randomArray(8, 3, -1, 1), [4, 2]);
  const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => matMulExplicit(tf, x as tf.Tensor2D, y as tf.Tensor2D).mul(probe).sum())([a, b]);
  const ref = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D).mul(probe).sum())([a, b]);
  for (let i = 0; i < 2; i++) {
    const d = tf.tidy(() => ours[i].sub(ref[i]).abs().max().dataSync()[0]);
    expect(d).toBeLessThan(1e-6);
  }
  const v = tf.tidy(() => matMulExplicit(tf, a, b).sub(tf.matMul(a, b)).abs().max().dataSync()[0]);
  expect(v).toBe(0);
  tf.dispose([a, b, probe, ...ours, ...ref]);
  expect(tf.memory().numTensors).toBe(before);
});

it('tinyMlpField returns the shapes the renderer expects', () => {
  const init = tinyMlpInit(8, 3);
  const shapes = tf.tidy(() => {
    const out = tinyMlpField(tf, {
      w1: tf.tensor2d(init.w1, [3, 8]), b1: tf.tensor1d(init.b1), w2: tf.tensor2d(init.w2, [8, 4]), b2: tf.tensor1d(init.b2),
    })(tf.zeros([5, 7, 3]), tf.zeros([5, 3]));
    return [out.sigma.shape, out.rgb.shape, out.sigma.min().dataSync()[0] >= 0];
  });
  expect(shapes).toEqual([[5, 7], [5, 7, 3], true]);
});

// Engine conformance: the same small ops and one gradient step of a tiny MLP field through the
// renderer give the same numbers on cpu (the reference), wasm and webgpu (Dawn; lavapipe here).
// A backend that cannot start here is skipped with one printed line saying why.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { availableBackends, useBackend } from './testing/backends';
import type { TestBackend } from './testing/backends';
import { lookAt, intrinsicsFromFocal } from './camera';
import {
  cameraRays, composite, depthSmoothnessLoss, disposeRays, distortionLoss, normalizeEdges, renderRays,
} from './render';
import { exclusiveCumsum } from './render/cumsum';
import { gatherRows } from './render/sampling';
import { rng } from './render/test-utils';
import { tinyMlpField, tinyMlpInit } from './render/test-field';

const statuses = await availableBackends();
const others = statuses.filter((s) => s.ok && s.name !== 'cpu').map((s) => s.name);

const rand = (n: number, seed: number, lo = -1, hi = 1) => {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
};

type Outputs = Record<string, Float32Array | Int32Array>;

/** Run `f` on a backend and download every output; checks that no tensor leaks. */
async function on(backend: TestBackend, f: () => Record<string, tf.Tensor>): Promise<Outputs> {
  const status = await useBackend(backend);
  if (!status.ok) throw new Error(status.reason);
  const before = tf.memory().numTensors;
  const tensors = tf.tidy(f);
  const out: Outputs = {};
  for (const [k, t] of Object.entries(tensors)) out[k] = (await t.data()) as Float32Array;
  tf.dispose(Object.values(tensors));
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

function expectClose(ref: Outputs, got: Outputs, atol: number, rtol: number, label: string) {
  for (const key of Object.keys(ref)) {
    const a = ref[key];
    const b = got[key];
    expect(b.length, `${label} ${key} length`).toBe(a.length);
    let worst = 0;
    let at = -1;
    for (let i = 0; i < a.length; i++) {
      const diff = Math.abs(a[i] - b[i]);
      const e = diff === 0 ? 0 : diff / (atol + rtol * Math.abs(a[i]));
      if (!(e <= worst)) { worst = e; at = i; }
    }
    expect(worst, `${label} ${key}[${at}]: cpu ${a[at]} vs ${b[at]}`).toBeLessThanOrEqual(1);
  }
}

const CASES: Array<{ name: string; atol: number; rtol: number; run: () => Record<string, tf.Tensor> }> = [
  {
    name: 'matMul [16, 32] x [32, 8] (plain and transposed)',
    atol: 1e-5, rtol: 1e-4,
    run: () => {
      const a = tf.tensor2d(rand(16 * 32, 1), [16, 32]);
      const b = tf.tensor2d(rand(32 * 8, 2), [32, 8]);
      return { plain: tf.matMul(a, b), transposed: tf.matMul(a.transpose(), tf.tensor2d(rand(16 * 4, 3), [16, 4])) };
    },
  },
  {
    name: 'conv2d [1, 8, 8, 3] * [3, 3, 3, 4], same and valid, stride 2',
    atol: 1e-5, rtol: 1e-4,
    run: () => {
      const x = tf.tensor4d(rand(8 * 8 * 3, 4), [1, 8, 8, 3]);
      const w = tf.tensor4d(rand(3 * 3 * 3 * 4, 5), [3, 3, 3, 4]);
      return { same: tf.conv2d(x, w, 1, 'same'), valid: tf.conv2d(x, w, 2, 'valid') };
    },
  },
  {
    // (tf.gather with batchDims = 1 is wrong on wasm 4.22, so the renderer uses gatherRows.)
    name: 'gather (axis 0, and per-row as the importance sampler uses it)',
    atol: 0, rtol: 0,
    run: () => {
      const x = tf.tensor2d(rand(6 * 5, 6), [6, 5]);
      return {
        rows: tf.gather(x, tf.tensor1d([5, 0, 3, 3], 'int32'), 0),
        perRow: gatherRows(tf, x, tf.tensor2d([[0, 4], [1, 1], [2, 0], [3, 2], [4, 4], [0, 0]], [6, 2], 'int32')),
      };
    },
  },
  {
    // Regression: webgpu caches the reverse-cumsum shader without the length (see render/cumsum.ts).
    name: 'exclusive cumsum and its gradient, length 7 after length 5',
    atol: 1e-5, rtol: 1e-4,
    run: () => {
      const g = (n: number) => tf.grad((x: tf.Tensor) => exclusiveCumsum(tf, x as tf.Tensor2D).mul(tf.range(1, n + 1).reshape([1, n])).sum());
      const first = g(5)(tf.tensor2d(rand(10, 12), [2, 5]));
      const x = tf.tensor2d(rand(14, 13), [2, 7]);
      return { first, value: exclusiveCumsum(tf, x), grad: g(7)(x) };
    },
  },
  {
    name: 'render composite (rgb, depth, opacity, weights, features)',
    atol: 1e-5, rtol: 1e-4,
    run: () => {
      const n = 8;
      const s = 12;
      const edges = tf.tensor2d(rand(n * (s + 1), 7, 0.05, 0.3), [n, s + 1]).cumsum(1) as tf.Tensor2D;
      const t = edges.slice([0, 0], [-1, s]).add(edges.slice([0, 1], [-1, s])).mul(0.5) as tf.Tensor2D;
      const r = composite(tf, {
        sigma: tf.tensor2d(rand(n * s, 8, 0, 4), [n, s]),
        rgb: tf.tensor3d(rand(n * s * 3, 9, 0, 1), [n, s, 3]),
        features: tf.tensor3d(rand(n * s * 5, 10), [n, s, 5]),
        t, edges,
      }, [0.1, 0.2, 0.3]);
      return { rgb: r.rgb, depth: r.depth, opacity: r.opacity, weights: r.weights, features: r.features! };
    },
  },
  {
    name: 'one gradient step of a tiny MLP field through renderRays (+ distortion, smoothness)',
    atol: 2e-4, rtol: 2e-3,
    run: () => {
      const init = tinyMlpInit(16, 42);
      const params = {
        w1: tf.tensor2d(init.w1, [3, 16]), b1: tf.tensor1d(init.b1),
        w2: tf.tensor2d(init.w2, [16, 4]), b2: tf.tensor1d(init.b2),
      };
      const k = intrinsicsFromFocal(4, 4, 4);
      const rays = cameraRays(tf, k, lookAt([0.3, 0.2, 2.5], [0, 0, 0]));
      const target = tf.tensor4d(rand(16 * 3, 11, 0, 1), [1, 4, 4, 3]);
      const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor) => {
        const field = tinyMlpField(tf, { w1, b1, w2, b2 } as typeof params);
        const r = renderRays(tf, field, rays, { near: 1.5, far: 3.5, samples: 16, importanceSamples: 8 });
        const mse = r.rgb.sub(target.reshape([16, 3])).square().mean();
        const dist = distortionLoss(tf, r.weights, normalizeEdges(tf, r.edges));
        const smooth = depthSmoothnessLoss(tf, r.depth.reshape([1, 4, 4]) as tf.Tensor3D, target);
        return mse.add(dist.mul(0.01)).add(smooth.mul(0.02)).add(r.coarse!.rgb.sub(target.reshape([16, 3])).square().mean()) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)([params.w1, params.b1, params.w2, params.b2]);
      const lr = 0.5;
      const [w1, b1, w2, b2] = [params.w1, params.b1, params.w2, params.b2].map((p, i) => p.sub(grads[i].mul(lr)));
      const after = loss(w1, b1, w2, b2);
      disposeRays(rays);
      return { loss: value, gw1: grads[0], gb1: grads[1], gw2: grads[2], gb2: grads[3], w1, b2, after };
    },
  },
];

describe('engine conformance across backends', () => {
  it('has at least one backend besides cpu', () => {
    expect(others.length).toBeGreaterThan(0);
  });
  for (const c of CASES) {
    describe(c.name, () => {
      let reference: Outputs;
      it('cpu reference runs', async () => {
        reference = await on('cpu', c.run);
        for (const v of Object.values(reference)) expect(Array.from(v).every(Number.isFinite)).toBe(true);
      });
      for (const backend of others) {
        it(`${backend} agrees with cpu`, async () => {
          expectClose(reference, await on(backend, c.run), c.atol, c.rtol, backend);
        });
      }
    });
  }
  it('the gradient step lowers the loss on every backend', async () => {
    const step = CASES[CASES.length - 1];
    for (const s of statuses.filter((x) => x.ok)) {
      const out = await on(s.name, step.run);
      expect(out.after[0], s.name).toBeLessThan(out.loss[0]);
    }
  });
});

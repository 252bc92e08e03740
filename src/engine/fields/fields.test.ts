import * as tfn from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { intrinsicsFromFov, lookAt, projectPoint } from '../camera';
import { useBackend, type TestBackend } from '../testing/backends';
import type { Tf } from '../tf';
import {
  ENCODER_DEFAULTS, PIXEL_FIELD_DEFAULTS, ParamStore, addBias, conv2dIm2col, disposeCameras, encode, gatherRows,
  initEncoder, initPixelField, makeCameras, matMul2d, positionalEncoding, projectPoints, queryPixelField, sampleFeatures,
  type EncoderConfig, type PixelFieldConfig,
} from '.';

async function backend(name: TestBackend): Promise<Tf | null> {
  const s = await useBackend(name);
  if (!s.ok) { console.log(`[fields] skipping ${name}: ${s.reason}`); return null; }
  return s.tf;
}

const maxAbs = (tf: Tf, a: tfn.Tensor, b: tfn.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

const ENC: EncoderConfig = { ...ENCODER_DEFAULTS, inChannels: 5, channels: [8, 16], outChannels: 6, timeEmbedDim: 16, groups: 4 };
const FIELD: PixelFieldConfig = { ...PIXEL_FIELD_DEFAULTS, featureDim: 6, hidden: 16, posFreqs: 2, outFeatures: 3, timeEmbedDim: 8 };

for (const name of ['cpu', 'wasm'] as const) {
  describe(`fields on ${name}`, () => {
    it('custom-gradient ops match the native ops (values and gradients)', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const before = tf.memory().numTensors;
      const a = tf.randomNormal([5, 4], 0, 1, 'float32', 1) as tfn.Tensor2D;
      const b = tf.randomNormal([4, 3], 0, 1, 'float32', 2) as tfn.Tensor2D;
      const [ga, gb] = tf.grads((x: tfn.Tensor, y: tfn.Tensor) => tf.sum(tf.square(matMul2d(tf, x as tfn.Tensor2D, y as tfn.Tensor2D))))([a, b]);
      const ref = tf.tidy(() => {
        const y = tf.matMul(a, b);
        return [tf.matMul(tf.mul(y, 2), tf.transpose(b)), tf.matMul(tf.transpose(a), tf.mul(y, 2))];
      });
      expect(maxAbs(tf, ga, ref[0])).toBeLessThan(1e-4);
      expect(maxAbs(tf, gb, ref[1])).toBeLessThan(1e-4);
      // gather gradient sums duplicate rows
      const p = tf.randomNormal([4, 2], 0, 1, 'float32', 3) as tfn.Tensor2D;
      const idx = tf.tensor1d([0, 0, 3], 'int32');
      const gp = tf.grad((x: tfn.Tensor) => tf.sum(gatherRows(tf, x as tfn.Tensor2D, idx)))(p);
      expect(Array.from(gp.dataSync())).toEqual([2, 2, 0, 0, 0, 0, 1, 1]);
      const pick = tf.tensor1d([3, 1], 'int32'); const outside = tf.tensor1d([4], 'int32');
      const rows = gatherRows(tf, p, pick);
      const nativeRows = tf.gather(p, pick);
      expect(maxAbs(tf, rows, nativeRows)).toBe(0);
      expect(() => gatherRows(tf, p, outside)).toThrow(/indices\[0\] = 4 is outside \[0, 4\)/);
      // addBias: value x + b; gradients dy for x and the sum over all leading axes for b
      const xb = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 6);
      const bias = tf.tensor1d([0.5, -1, 2, 0]);
      expect(tf.tidy(() => maxAbs(tf, addBias(tf, xb, bias), tf.add(xb, bias)))).toBe(0);
      const w3 = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 7);
      const [gx, gbias] = tf.grads((u: tfn.Tensor, v: tfn.Tensor) => tf.sum(tf.mul(addBias(tf, u, v), w3)))([xb, bias]);
      expect(maxAbs(tf, gx, w3)).toBe(0);
      expect(tf.tidy(() => maxAbs(tf, gbias, tf.sum(w3, [0, 1])))).toBeLessThan(1e-5);
      tf.dispose([pick, outside, rows, nativeRows, xb, bias, w3, gx, gbias]);
      // im2col convolution equals tf.conv2d ('same', zero padding); its weight gradient is finite
      const x = tf.randomNormal([1, 6, 5, 3], 0, 1, 'float32', 4) as tfn.Tensor4D;
      const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 5) as tfn.Tensor4D;
      const mine = conv2dIm2col(tf, x, w);
      const native = tf.conv2d(x, w, 1, 'same');
      expect(maxAbs(tf, mine, native)).toBeLessThan(1e-4);
      const gw = tf.grad((ww: tfn.Tensor) => tf.sum(conv2dIm2col(tf, x, ww as tfn.Tensor4D)))(w);
      expect(gw.shape).toEqual([3, 3, 3, 4]);
      // d sum(conv) / d w[1,1,c,o] = sum of x[..., c] (centre tap sees every pixel)
      const centre = tf.tidy(() => gw.slice([1, 1, 0, 0], [1, 1, 3, 1]).dataSync());
      const sums = tf.tidy(() => tf.sum(x, [0, 1, 2]).dataSync());
      for (let c = 0; c < 3; c++) expect(centre[c]).toBeCloseTo(sums[c], 3);
      // Full gradients against tf.conv2d's own (cpu has Conv2DBackpropFilter; wasm does not).
      if (name === 'cpu') {
        const loss = (impl: (a: tfn.Tensor4D, b: tfn.Tensor4D) => tfn.Tensor) => (a: tfn.Tensor, b: tfn.Tensor) => tf.sum(tf.square(impl(a as tfn.Tensor4D, b as tfn.Tensor4D)));
        const mineG = tf.grads(loss((a, b) => conv2dIm2col(tf, a, b)))([x, w]);
        const refG = tf.grads(loss((a, b) => tf.conv2d(a, b, 1, 'same')))([x, w]);
        expect(maxAbs(tf, mineG[0], refG[0])).toBeLessThan(1e-3);
        expect(maxAbs(tf, mineG[1], refG[1])).toBeLessThan(1e-3);
        tf.dispose([...mineG, ...refG]);
      }
      tf.dispose([a, b, ga, gb, ...ref, p, idx, gp, x, w, mine, native, gw]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('positional encoding equals [x, sin(2^k pi x), cos(2^k pi x)] for every frequency', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const pts = [[0.1, -2.7, 3.05], [1e-3, 0.5, -1.25]];
      const x = tf.tensor3d([pts], [1, 2, 3]);
      const enc = positionalEncoding(tf, x, 6);
      expect(enc.shape).toEqual([1, 2, 39]);
      const got = enc.dataSync();
      pts.forEach((p, r) => p.forEach((v, c) => {
        expect(got[r * 39 + c]).toBeCloseTo(v, 6);
        for (let k = 0; k < 6; k++) {
          expect(Math.abs(got[r * 39 + 3 * (1 + 2 * k) + c] - Math.sin(2 ** k * Math.PI * v))).toBeLessThan(1e-5);
          expect(Math.abs(got[r * 39 + 3 * (2 + 2 * k) + c] - Math.cos(2 ** k * Math.PI * v))).toBeLessThan(1e-5);
        }
      }));
      tf.dispose([x, enc]);
    });

    it('a known point projects onto the right feature pixel in every view', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const before = tf.memory().numTensors;
      const k = intrinsicsFromFov(16, 12, 0.9);
      const views = [
        { intrinsics: k, c2w: lookAt([0.3, 0.4, 3], [0, 0, 0]) },
        { intrinsics: k, c2w: lookAt([2.5, -0.5, 1], [0.1, 0.2, 0]) },
      ];
      // Feature maps at half resolution whose channels encode the pixel index: (x, y).
      const fw = 8; const fh = 6;
      const feat = new Float32Array(2 * fh * fw * 2);
      for (let v = 0; v < 2; v++) for (let y = 0; y < fh; y++) for (let x = 0; x < fw; x++) {
        const o = ((v * fh + y) * fw + x) * 2; feat[o] = x; feat[o + 1] = y;
      }
      const features = tf.tensor4d(feat, [2, fh, fw, 2]);
      const cams = makeCameras(tf, views, fw, fh);
      const pts: [number, number, number][] = [[0, 0, 0], [0.2, -0.1, 0.3], [-0.25, 0.15, -0.2]];
      const points = tf.tensor2d(pts.flat(), [3, 3]);
      const proj = projectPoints(tf, cams, points);
      const sampledT = sampleFeatures(tf, features, proj.px, proj.py);
      const sampled = sampledT.arraySync() as number[][][];
      const camZ = (proj.cam.arraySync() as number[][][]);
      views.forEach((view, v) => pts.forEach((p, i) => {
        const ref = projectPoint(view.intrinsics, view.c2w, p); // full-res pixel coords (centres at +0.5)
        const ex = (ref.u * fw) / 16 - 0.5; const ey = (ref.v * fh) / 12 - 0.5;
        expect(sampled[v][i][0]).toBeCloseTo(Math.min(Math.max(ex, 0), fw - 1), 4);
        expect(sampled[v][i][1]).toBeCloseTo(Math.min(Math.max(ey, 0), fh - 1), 4);
        expect(-camZ[v][i][2]).toBeCloseTo(ref.depth, 4);
      }));
      tf.dispose([features, points, proj.cam, proj.px, proj.py, sampledT]);
      disposeCameras(cams);
      expect(tf.memory().numTensors).toBe(before);
    });

    /** A front camera on +z and a side camera on +x, both 3 from the origin looking at it, with 8x8 random features. */
    const twoViews = (tf: Tf, seed: number) => {
      const k = intrinsicsFromFov(8, 8, 0.8);
      const views = [{ intrinsics: k, c2w: lookAt([0, 0, 3], [0, 0, 0]) }, { intrinsics: k, c2w: lookAt([3, 0, 0], [0, 0, 0]) }];
      const features = tf.randomNormal([2, 8, 8, 6], 0, 1, 'float32', seed) as tfn.Tensor4D;
      /** Surface distance maps: d0 everywhere in the front view, d1 in the side view. */
      const surfaces = (d0: number, d1: number) => tf.tidy(() => tf.concat([tf.fill([1, 8, 8, 1], d0), tf.fill([1, 8, 8, 1], d1)], 0)) as tfn.Tensor4D;
      return { views, cams: makeCameras(tf, views, 8, 8), features, surfaces };
    };

    it('occlusion-aware pooling: views that see a point pool as the mean; a view that sees nothing drops out', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const store = new ParamStore(tf, 11);
      initPixelField(store, 'field', FIELD);
      const before = tf.memory().numTensors;
      const { views, cams, features, surfaces } = twoViews(tf, 5);
      const front = makeCameras(tf, views.slice(0, 1), 8, 8);
      const points = tf.randomUniform([12, 3], -0.5, 0.5, 'float32', 6) as tfn.Tensor2D; // 2.1-3.9 from both cameras
      const pooled = (surfaceDistance: tfn.Tensor4D) => queryPixelField(tf, store, 'field', FIELD, {
        features, cameras: cams, times: [0, 0], visibility: { surfaceDistance, margin: 0.1, softness: 0.03, floor: 0 },
      }, points);
      const mean = queryPixelField(tf, store, 'field', FIELD, { features, cameras: cams, times: [0, 0] }, points);
      const frontOnlyFeatures = tf.slice(features, [0, 0, 0, 0], [1, -1, -1, -1]) as tfn.Tensor4D;
      const frontOnly = queryPixelField(tf, store, 'field', FIELD, { features: frontOnlyFeatures, cameras: front, times: [0] }, points);
      const allSeen = surfaces(100, 100);
      const sideHidden = surfaces(100, 0.5); // the side view's surface is 0.5 away: every point is behind it
      const a = pooled(allSeen);
      const b = pooled(sideHidden);
      for (const key of ['sigma', 'rgb', 'features'] as const) {
        expect(maxAbs(tf, a[key], mean[key])).toBeLessThan(1e-5);
        expect(maxAbs(tf, b[key], frontOnly[key])).toBeLessThan(1e-5);
      }
      expect(maxAbs(tf, b.rgb, mean.rgb)).toBeGreaterThan(1e-3); // dropping the side view changes the colour
      tf.dispose([features, points, frontOnlyFeatures, allSeen, sideHidden, ...[a, b, mean, frontOnly].flatMap((o) => [o.sigma, o.rgb, o.features])]);
      disposeCameras(cams); disposeCameras(front);
      expect(tf.memory().numTensors).toBe(before);
      store.dispose();
    });

    it('view colours: a point takes the colour of the views that see it; unseen or out-of-frame views give none', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const store = new ParamStore(tf, 12);
      initPixelField(store, 'field', FIELD);
      const before = tf.memory().numTensors;
      const { cams, features, surfaces } = twoViews(tf, 7);
      // View 0 is all red, view 1 all blue.
      const colours = tf.tidy(() => tf.concat([tf.tensor4d([1, 0, 0], [1, 1, 1, 3]).tile([1, 8, 8, 1]), tf.tensor4d([0, 0, 1], [1, 1, 1, 3]).tile([1, 8, 8, 1])], 0)) as tfn.Tensor4D;
      // Three points near the origin, in both images; (0, 2.9, 0) lies above both frustums.
      const points = tf.tensor2d([0, 0, 0, 0.2, -0.1, 0.1, -0.2, 0.2, -0.1, 0, 2.9, 0], [4, 3]);
      const query = (surfaceDistance: tfn.Tensor4D, withColours: boolean, photoViews = 0) => queryPixelField(tf, store, 'field', FIELD, {
        features, cameras: cams, times: [0, 0],
        visibility: { surfaceDistance, margin: 0.1, softness: 0.03, floor: 1e-3, ...(withColours ? { colours, photoViews } : {}) },
      }, points);
      const allSeen = surfaces(100, 100);
      const sideHidden = surfaces(100, 0.5);
      const noneSeen = surfaces(0.5, 0.5);
      const rows = (t: tfn.Tensor) => t.arraySync() as number[][];
      const both = query(allSeen, true);
      const front = query(sideHidden, true);
      const fieldOnly = query(noneSeen, false);
      const unseen = query(noneSeen, true);
      const photoFirst = query(allSeen, true, 1); // view 0 is the photo, view 1 generated
      const frontHidden = surfaces(0.5, 100);
      const generatedOnly = query(frontHidden, true, 1); // only the generated view sees the points
      for (let i = 0; i < 3; i++) {
        rows(both.rgb)[i].forEach((v, c) => expect(v).toBeCloseTo([0.5, 0, 0.5][c], 4)); // seen by both: their mean
        rows(front.rgb)[i].forEach((v, c) => expect(v).toBeCloseTo([1, 0, 0][c], 4)); // seen by the front view only
        rows(photoFirst.rgb)[i].forEach((v, c) => expect(v).toBeCloseTo([1, 0, 0][c], 4)); // the photo wins where it sees
        rows(generatedOnly.rgb)[i].forEach((v, c) => expect(v).toBeCloseTo([0, 0, 1][c], 4)); // elsewhere the generated view
      }
      // (0, 2.9, 0) is above both frustums (half-angle 0.4 rad): no view sees it, so the field's colour stays.
      rows(both.rgb)[3].forEach((v, c) => expect(v).toBeCloseTo(rows(fieldOnly.rgb)[3][c], 4));
      expect(maxAbs(tf, unseen.rgb, fieldOnly.rgb)).toBeLessThan(1e-5); // nothing seen: colours change nothing
      const bothPlain = query(allSeen, false);
      expect(maxAbs(tf, both.sigma, bothPlain.sigma)).toBeLessThan(1e-6); // density is the field's
      tf.dispose([features, colours, points, allSeen, sideHidden, noneSeen, frontHidden, ...[both, front, fieldOnly, unseen, bothPlain, photoFirst, generatedOnly].flatMap((o) => [o.sigma, o.rgb, o.features])]);
      disposeCameras(cams);
      expect(tf.memory().numTensors).toBe(before);
      store.dispose();
    });

    it('encoder + field: shapes, finite outputs, gradients reach the encoder weights, no leaks', async () => {
      const tf = await backend(name);
      if (!tf) return;
      const store = new ParamStore(tf, 7);
      initEncoder(store, 'enc', ENC);
      initPixelField(store, 'field', FIELD);
      const before = tf.memory().numTensors;
      const k = intrinsicsFromFov(8, 8, 0.8);
      const views = [{ intrinsics: k, c2w: lookAt([0, 0, 3], [0, 0, 0]) }, { intrinsics: k, c2w: lookAt([3, 0, 0], [0, 0, 0]) }];
      const cams = makeCameras(tf, views, 8, 8);
      const images = tf.randomUniform([2, 8, 8, 5], 0, 1, 'float32', 3) as tfn.Tensor4D;
      const points = tf.randomUniform([10, 3], -0.5, 0.5, 'float32', 4) as tfn.Tensor2D;
      const feats = encode(tf, store, 'enc', ENC, images, [0, 500]);
      expect(feats.shape).toEqual([2, 8, 8, 6]);
      const out = queryPixelField(tf, store, 'field', FIELD, { features: feats, cameras: cams, times: [0, 500] }, points);
      expect(out.sigma.shape).toEqual([10]);
      expect(out.rgb.shape).toEqual([10, 3]);
      expect(out.features.shape).toEqual([10, 3]);
      expect(Array.from(out.sigma.dataSync()).every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
      tf.dispose([feats, out.sigma, out.rgb, out.features]);
      const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
        const f = encode(tf, store, 'enc', ENC, images, [0, 500]);
        const o = queryPixelField(tf, store, 'field', FIELD, { features: f, cameras: cams, times: [0, 500] }, points);
        return tf.add(tf.sum(o.rgb), tf.sum(o.sigma)) as tfn.Scalar;
      }), store.variables());
      const names = store.names();
      const gIn = grads[store.v('enc.in.w').name];
      expect(gIn).toBeDefined();
      const gInAbs = tf.tidy(() => tf.sum(tf.abs(gIn)).dataSync()[0]);
      expect(gInAbs).toBeGreaterThan(0);
      expect(Number.isFinite(gInAbs)).toBe(true);
      expect(Object.keys(grads).length).toBe(names.length);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      tf.dispose([value, ...Object.values(grads), images, points]);
      disposeCameras(cams);
      expect(tf.memory().numTensors).toBe(before);
      store.dispose();
    });
  });
}

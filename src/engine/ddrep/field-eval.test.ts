// DDRep field completion from one photo (field-eval.ts): the photo camera is read as a view of the prior's rig
// (and anything else is refused naming the file and field), the photo is box-pooled to the prior's size, the
// field's view 0 sits at the photo's camera and is in every view draw, and the completed field reproduces the
// photo at its pose much better than the same field sampled without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intrinsicsFromFov } from '../camera';
import { renderCategoryCapture } from '../data';
import { cameraOnSphere, hashSeed, mulberry32 } from '../data/procedural';
import { psnr } from '../metrics';
import { createPriorModel, disposePriorModel, imagePrior, type PriorModel } from '../prior';
import { TINY_PRIOR } from '../prior/test-fixtures';
import { useBackend } from '../testing/backends';
import type { Tf } from '../tf';
import { evaluateDdrepFieldScene, photoForPrior, rigPhotoView } from './field-eval';
import { voxelField } from './field';
import { knownFromFieldPhoto } from './inpaint';
import { DDREP_DEFAULTS, sampleDdrep } from './ddrep';
import { INNER_FIT_DEFAULTS } from './inner-fit';

let tf: Tf;
let model: PriorModel;
beforeAll(async () => {
  const s = await useBackend('wasm');
  if (!s.ok) throw new Error(s.reason);
  tf = s.tf;
  model = createPriorModel(tf, TINY_PRIOR, 3);
});
afterAll(() => disposePriorModel(model));

const deg = Math.PI / 180;

describe('rigPhotoView', () => {
  it('reads azimuth and elevation of a rig camera, and refuses other cameras naming the file and field', () => {
    const k = intrinsicsFromFov(32, 32, 40 * deg);
    const v = rigPhotoView(cameraOnSphere([0, 0, 0], 2.2, 0.7, 0.3), k, 'a.png');
    expect(v.azimuth).toBeCloseTo(0.7, 6);
    expect(v.elevation).toBeCloseTo(0.3, 6);
    expect(() => rigPhotoView(cameraOnSphere([0, 0, 0], 3, 0.7, 0.3), k, 'far.png')).toThrow(/^far\.png: c2w: camera is 3\.000 from the origin; the field is seen through the prior's rig/);
    expect(() => rigPhotoView(cameraOnSphere([0.5, 0, 0], 2.2, 0, 0), k, 'off.png')).toThrow(/^off\.png: c2w: camera (is|does not look)/);
    expect(() => rigPhotoView(cameraOnSphere([0, 0, 0], 2.2, 0, 0), intrinsicsFromFov(32, 32, 60 * deg), 'wide.png')).toThrow(/^wide\.png: intrinsics: field of view 60\.00 deg/);
  });
});

describe('photoForPrior', () => {
  it('box-pools to the prior size in [-1, 1] and refuses sizes that are not a multiple', () => {
    // 2x2 image, one channel pattern: mean of (0, 1, 1, 0) = 0.5 -> 0 in [-1, 1].
    const img = { width: 2, height: 2, data: Float32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0]) };
    expect(Array.from(photoForPrior(img, 1, 'p.png'))).toEqual([0, 0, 0]);
    expect(Array.from(photoForPrior(img, 2, 'p.png'))).toEqual([-1, -1, -1, 1, 1, 1, 1, 1, 1, -1, -1, -1]);
    expect(() => photoForPrior({ width: 3, height: 3, data: new Float32Array(27) }, 2, 'odd.png')).toThrow(/^odd\.png: image: the photo is 3x3; .* multiple of the prior's 2/);
  });
});

describe('a field with a photo view', () => {
  it('puts view 0 at the photo camera and into every draw; only view 0 has known pixels', () => {
    const photo = { azimuth: 1.1, elevation: 0.2 };
    const field = voxelField(tf, { size: 8, resolution: 9, seed: 4, photo });
    const plain = voxelField(tf, { size: 8, resolution: 9, seed: 4 });
    try {
      expect(field.views[0].azimuth).toBeCloseTo(1.1, 9);
      expect(field.views[0].elevation).toBeCloseTo(0.2, 9);
      // The other views are where the plain field has them.
      expect(field.views.slice(1).map((v) => v.key)).toEqual(plain.views.slice(1).map((v) => v.key));
      const rng = mulberry32(9);
      for (let i = 0; i < 5; i++) {
        const drawn = field.sampleViews(rng, 4);
        expect(drawn).toHaveLength(4);
        expect(drawn[0].index).toBe(0);
        expect(new Set(drawn.map((v) => v.index)).size).toBe(4);
      }
      const image = tf.zeros([8, 8, 3]);
      const known = knownFromFieldPhoto(tf, field, image);
      const k0 = known(field.views[0])!;
      expect(k0.mask.shape).toEqual([8, 8, 1]);
      expect(k0.mask.dataSync().every((m) => m === 1)).toBe(true);
      expect(known(field.views[1])).toBeNull();
      tf.dispose([k0.image, k0.mask, image]);
      expect(() => knownFromFieldPhoto(tf, plain, tf.zeros([8, 8, 3]))).toThrow(/has no photo view/);
      expect(() => voxelField(tf, { size: 8, photo: { azimuth: Number.NaN, elevation: 0 } })).toThrow(/photo must be \{ azimuth, elevation \}/);
    } finally {
      field.dispose();
      plain.dispose();
    }
  });
});

describe('evaluateDdrepFieldScene', () => {
  it('completes fields from the photo: renders at every pose, the photo reproduced far better than without it', async () => {
    const { capture } = renderCategoryCapture(3, { resolution: 16, viewsPerScene: 3, supersample: 1 });
    const ddrep = { sampler: { ...DDREP_DEFAULTS.sampler, steps: 6 }, inner: { ...INNER_FIT_DEFAULTS, iterations: 15, tolerance: 0 }, resample: 0, viewsPerStep: 4 };
    const sampled: number[] = [];
    const r = await evaluateDdrepFieldScene(tf, imagePrior(model), 8, capture.views, {
      samples: 2, contextIndex: 0, seed: 5, ddrep, field: { resolution: 9 }, onSample: (k) => sampled.push(k),
    });
    expect(sampled).toEqual([0, 1]);
    expect(r.contexts[0].renders).toHaveLength(2);
    expect(r.novel.map((v) => v.pose)).toEqual([1, 2]);
    for (const v of r.novel) {
      expect(v.samples).toHaveLength(2);
      expect([v.samples[0].width, v.samples[0].height]).toEqual([16, 16]);
      expect(v.samples[0].data.every((x) => x >= 0 && x <= 1)).toBe(true);
      expect(v.seen).toHaveLength(16 * 16);
    }
    // The same field and seed without the photo: DDRep alone, no known pixels.
    const ctx = capture.views[0];
    const photoView = rigPhotoView(ctx.c2w, ctx.intrinsics, ctx.file);
    const free = voxelField(tf, { size: 8, resolution: 9, seed: hashSeed(5, 0xf1e), photo: photoView });
    try {
      await sampleDdrep(tf, free, imagePrior(model), { ...ddrep, seed: 5 });
      const freeRender = { width: 16, height: 16, data: free.renderCamera(ctx.c2w, ctx.intrinsics) };
      const withPhoto = psnr(r.contexts[0].renders[0], ctx.image);
      const without = psnr(freeRender, ctx.image);
      expect(withPhoto, `with photo ${withPhoto.toFixed(2)} dB, without ${without.toFixed(2)} dB`).toBeGreaterThan(without + 3);
    } finally {
      free.dispose();
    }
  }, 120_000);

  it('names the file and field of a view without depth or off the rig', async () => {
    const { capture } = renderCategoryCapture(3, { resolution: 16, viewsPerScene: 2, supersample: 1 });
    const noDepth = capture.views.map((v, i) => (i === 1 ? { ...v, depth: undefined } : v));
    await expect(evaluateDdrepFieldScene(tf, imagePrior(model), 8, noDepth, { samples: 1, contextIndex: 0, seed: 0, ddrep: {}, field: {} }))
      .rejects.toThrow(new RegExp(`^${capture.views[1].file.replace(/[.]/g, '\\.')}: depth: `));
    await expect(evaluateDdrepFieldScene(tf, imagePrior(model), 8, capture.views, { samples: 1, contextIndex: 5, seed: 0, ddrep: {}, field: {} }))
      .rejects.toThrow(/contextIndex 5 is not a view of the capture \(2 views\)/);
  });
});

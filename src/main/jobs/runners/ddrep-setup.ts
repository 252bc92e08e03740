// Pieces of the `ddrep` runner: the representation of one sample, the RePaint known pixels from a photo,
// the method call with its resolved options, and tensor <-> image conversion.
//
// Values: the prior works on images in [-1, 1] (prior/data.ts); photos and PNGs are in [0, 1].
// Conditions: the prior is conditioned on [sin az, cos az, elevation] (prior/data.ts priorCondition).
//   siren:    one view, the front (azimuth 0) at the elevation the adapter uses for azimuth-only conditions
//             (17.5 deg, the middle of the training range 0-35 deg); a photo is read as that front view.
//   panorama: a wrap-around canvas [R, 8R, 3] read through R x R windows (canvas-panorama.ts); each window
//             is conditioned on the azimuth of its centre, so the canvas spans the full 360 deg ring of views.
//   field:    the studio's voxel field rendered from the prior's own cameras (engine/ddrep/field.ts): a fixed
//             set of V views with the prior's rig and conditioning; its picture is a ring of 8 views (azimuth
//             0, 45, ..., 315 deg at 17.5 deg elevation) side by side [R, 8R, 3]. A photo has no pose, so
//             like the SIREN's it is read as the front view (azimuth 0, 17.5 deg): the field's fixed view 0
//             sits there, is in every view draw, and all its pixels are known (RePaint, the DFM task).
import sharp from 'sharp';
import {
  canvasPanorama, FIELD_INNER_ITERATIONS, voxelField, type FieldRep, knownFromCanvas, knownFromFieldPhoto, knownFromImage, resolveDdrepConfig, sampleDdrep, sampleSds, sampleSjc, siren,
  SDS_DEFAULTS, SJC_DEFAULTS, type DifferentiableRep, type FieldPhotoView, type KnownPixels, type Prior, type RepView, type RunStats, type StepInfo,
} from '../../../engine/ddrep';
import { PRIOR_ADAPTER_DEFAULTS, priorCondition } from '../../../engine/prior';
import { CaptureError } from '../../../engine/data/errors';
import type { RgbImage } from '../../../engine/data/types';
import type { KernelPool } from '../../../engine/parallel/kernel-pool';
import type { Tf, Tensor } from '../../../engine/tf';
import type { ResolvedDdrepParams } from './ddrep-params';

/** Canvas width of a panorama in windows (notes §4.2 E2(b): a 32 x 256 canvas of 32 x 32 windows). */
export const PANORAMA_WINDOWS = 8;

/** [H, W, 3] tensor in [-1, 1] -> image in [0, 1] (clamped). */
export function tensorToImage(t: Tensor): RgbImage {
  const [height, width] = t.shape;
  const src = t.dataSync();
  const data = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) data[i] = Math.min(1, Math.max(0, (src[i] + 1) / 2));
  return { width, height, data };
}

/** Images side by side (horizontal) or one above the other (vertical); all the same size. */
export function stackImages(images: readonly RgbImage[], direction: 'horizontal' | 'vertical'): RgbImage {
  const { width: w, height: h } = images[0];
  const width = direction === 'horizontal' ? w * images.length : w;
  const height = direction === 'vertical' ? h * images.length : h;
  const data = new Float32Array(width * height * 3);
  images.forEach((img, k) => {
    for (let y = 0; y < h; y++) {
      const row = img.data.subarray(3 * y * w, 3 * (y + 1) * w);
      const at = direction === 'horizontal' ? y * width + k * w : (k * h + y) * width;
      data.set(row, 3 * at);
    }
  });
  return { width, height, data };
}

/** An image file as an R x R image in [0, 1]: centre-cropped to a square (no distortion), alpha on white. */
export async function readSquarePhoto(file: string, size: number): Promise<RgbImage> {
  const { data, info } = await sharp(file).resize({ width: size, height: size, fit: 'cover' })
    .flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    .catch((err: Error) => { throw new CaptureError(`not a readable image (PNG, JPEG or WebP): ${err.message}`, file, 'photo'); });
  const out = new Float32Array(info.width * info.height * 3);
  for (let i = 0; i < out.length; i++) out[i] = data[i] / 255;
  return { width: info.width, height: info.height, data: out };
}

/** Views in a field sample's picture (a ring around the object) and their elevation (mid training range). */
export const FIELD_RING_VIEWS = 8;
export const FIELD_RING_ELEVATION_DEG = (PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly * 180) / Math.PI;

export interface SampleRep {
  rep: DifferentiableRep<RepView>;
  known: KnownPixels<RepView> | undefined;
  /** What the sample PNG shows: the SIREN image, the wrap-around panorama canvas, or the field's ring of views. [H, W, 3] in [-1, 1]. */
  picture(): Tensor;
  /** The progress preview (cheaper than picture for the field: its front view only). */
  preview(): Tensor;
  /** The voxel field (rep 'field'), else null. */
  field: FieldRep | null;
  dispose(): void;
}

/** The known-region rule, recorded in summary.json. */
export function knownDescription(rep: ResolvedDdrepParams['rep'], size: number): string {
  if (rep === 'siren') return `left half of the ${size}x${size} image (columns 0-${size / 2 - 1}) from the photo, centre-cropped and resized`;
  if (rep === 'field') {
    return `every pixel of the field's ${size}x${size} front view (azimuth 0, elevation ${FIELD_RING_ELEVATION_DEG.toFixed(1)} deg) from the photo, centre-cropped and resized`;
  }
  return `canvas columns 0-${size - 1} (one ${size}x${size} window, azimuth 0-${360 / PANORAMA_WINDOWS} deg) from the photo, centre-cropped and resized`;
}

/** The front view a field reads an unposed photo as: the picture's first ring view. */
export const FIELD_FRONT_VIEW: FieldPhotoView = { azimuth: 0, elevation: (FIELD_RING_ELEVATION_DEG * Math.PI) / 180 };

/**
 * Build sample k's representation (size R = the prior's image size), seeded by `seed`; `pool` runs the field's
 * kernels. `photoView`: the field's camera of the photo (default FIELD_FRONT_VIEW); siren and panorama ignore it.
 */
export function buildRep(tf: Tf, p: ResolvedDdrepParams, size: number, seed: number, photo: RgbImage | null, pool?: KernelPool, photoView: FieldPhotoView = FIELD_FRONT_VIEW): SampleRep {
  const toTensor = (img: RgbImage) => tf.tidy(() => tf.sub(tf.mul(tf.tensor3d(img.data, [img.height, img.width, 3]), 2), 1));
  if (p.rep === 'siren') {
    const cond = priorCondition(PRIOR_ADAPTER_DEFAULTS.elevationForAzimuthOnly, 0);
    const rep = siren(tf, { height: size, width: size, seed, cond });
    let known: KnownPixels<RepView> | undefined;
    const owned: Tensor[] = [];
    if (photo) {
      const image = toTensor(photo);
      const mask = tf.tidy(() => tf.tensor3d(Array.from({ length: size * size }, (_, i) => ((i % size) < size / 2 ? 1 : 0)), [size, size, 1]));
      owned.push(image, mask);
      known = knownFromImage(tf, image, mask);
    }
    const picture = () => rep.render(rep.sampleViews(() => 0, 1)[0]);
    return { rep, known, picture, preview: picture, field: null, dispose: () => { rep.dispose(); tf.dispose(owned); } };
  }
  if (p.rep === 'field') {
    // The photo is the field's fixed view 0 (always drawn, all pixels known). The front view by default: the
    // same camera as the picture's first ring view, so that view shows it.
    const field = voxelField(tf, { size, seed, photo: photo ? photoView : null, ...(p.grid !== null ? { resolution: p.grid } : {}) }, { pool });
    const image = photo ? toTensor(photo) : null;
    const known = image ? (knownFromFieldPhoto(tf, field, image) as unknown as KnownPixels<RepView>) : undefined;
    const ring = field.ring(FIELD_RING_VIEWS, FIELD_RING_ELEVATION_DEG);
    // The preview is the view the artist knows: the photo's own camera (ring[0] for an unposed photo).
    const previewView = photo ? field.views[0] : ring[0];
    return {
      rep: field as unknown as DifferentiableRep<RepView>, known, field,
      picture: () => tf.tidy(() => tf.concat(ring.map((v) => field.render(v)), 1)),
      preview: () => field.render(previewView),
      dispose: () => { field.dispose(); image?.dispose(); },
    };
  }
  const wc = PANORAMA_WINDOWS * size;
  let init: Tensor | undefined; let image: Tensor | undefined; let mask: Tensor | undefined;
  if (photo) {
    // Known canvas: the photo in columns [0, R), zeros elsewhere. The canvas starts with the known window
    // filled in, so known columns hold the photo even if no window happens to cover them.
    const m = Array.from({ length: size * wc }, (_, i) => ((i % wc) < size ? 1 : 0));
    mask = tf.tensor3d(m, [size, wc, 1]);
    image = tf.tidy(() => tf.pad(toTensor(photo), [[0, 0], [0, wc - size], [0, 0]]));
    init = image;
  }
  const pano = canvasPanorama(tf, { height: size, canvasWidth: wc, viewWidth: size, conditionOnAzimuth: true }, init);
  const known = image && mask ? (knownFromCanvas(tf, pano, image, mask) as unknown as KnownPixels<RepView>) : undefined;
  const canvas = () => pano.parameters[0].clone();
  return {
    rep: pano as unknown as DifferentiableRep<RepView>,
    known,
    picture: canvas,
    preview: canvas,
    field: null,
    dispose: () => { pano.dispose(); tf.dispose([image, mask].filter((t): t is Tensor => !!t)); },
  };
}

/** The method's full options (engine defaults overridden by the given flags), as recorded in summary.json. */
export function methodOptions(p: ResolvedDdrepParams): Record<string, unknown> & { steps: number } {
  if (p.method === 'ddrep') {
    // Panorama: a crop is linear, so the per-step least squares (Eq. 5) has a closed form (exact, no Adam);
    // one RePaint forward step per reverse step (the paper's multi-view setting, notes §1.7/§4.2).
    const c = resolveDdrepConfig({
      sampler: p.steps ? { ...resolveDdrepConfig({}).sampler, steps: p.steps } : undefined,
      ...(p.guidance !== null ? { guidance: p.guidance } : {}),
      inner: {
        ...resolveDdrepConfig({}).inner,
        ...(p.rep === 'panorama' ? { solver: 'closed-form' as const } : {}),
        ...(p.rep === 'field' ? { iterations: FIELD_INNER_ITERATIONS } : {}),
        ...(p.inner ? { iterations: p.inner } : {}),
      },
      // A field completing a photo: one repeat too, so RePaint harmonises the known front view with the sampled
      // ones (the paper's multi-view setting); it doubles the denoiser calls per step (--resample 0 opts out).
      resample: p.resample ?? (p.rep === 'panorama' || (p.rep === 'field' && p.photo !== null) ? 1 : 0),
      seed: p.seed,
    });
    return { ...c, steps: c.sampler.steps };
  }
  const base = p.method === 'sds' ? SDS_DEFAULTS : SJC_DEFAULTS;
  const c = { ...base, iterations: p.steps ?? base.iterations, guidance: p.guidance ?? base.guidance, seed: p.seed };
  return { ...c, steps: c.iterations };
}

export interface MethodRun {
  onStep(info: StepInfo): Promise<void>;
  shouldStop(): boolean;
}

/** Run the method on one representation with sample seed `seed`. */
export function runMethod(tf: Tf, s: SampleRep, prior: Prior, options: Record<string, unknown>, seed: number, run: MethodRun): Promise<RunStats> {
  const { steps: _steps, ...rest } = options;
  const o = { ...rest, seed } as unknown as Record<string, unknown> & { kind: string };
  if (o.kind === 'ddrep') return sampleDdrep(tf, s.rep, prior, o as never, { known: s.known, onStep: run.onStep, shouldStop: run.shouldStop });
  if (o.kind === 'sds') return sampleSds(tf, s.rep, prior, o as never, run);
  return sampleSjc(tf, s.rep, prior, o as never, run);
}

// DDRep completes a radiance field from one photo (issue 17 "Conditioning": the DFM task, done training-free),
// scored like DFM by `parallax eval` (engine/eval/aggregate.ts) on the same held-out scenes:
//   - view `contextIndex` of the capture is the photo; its camera must be one of the prior's rig (distance
//     FIELD radius from the origin, looking at it, the rig's field of view), so it becomes the field's fixed
//     view 0 (field.ts config.photo) and the photo, box-pooled to the prior's size R, is that view's known pixels
//     (inpaint.ts knownFromFieldPhoto; RePaint merges them into every step, ddrep.ts);
//   - each of `samples` seeds draws one field with DDRep, which is then rendered at the capture's own cameras and
//     resolution (FieldRep.renderCamera): the photo's pose (contexts) and every other pose (novel);
//   - seen / unseen masks come from ground-truth depth (eval/visibility.ts), as for DFM.
import { cameraCenter, type Intrinsics, type Mat4 } from '../camera';
import { hashSeed } from '../data/procedural/prng';
import type { CaptureView, RgbImage } from '../data/types';
import { visibilityRegions, type ContextViewEval, type NovelViewEval, type SceneEvalInput } from '../eval';
import { boxDownsample } from '../eval/kid/render-set';
import type { KernelPool } from '../parallel/kernel-pool';
import type { Tf } from '../tf';
import { sampleDdrep, type DdrepConfig } from './ddrep';
import { voxelField, FIELD_DEFAULTS, type FieldConfig } from './field';
import type { FieldPhotoView } from './field-views';
import { knownFromFieldPhoto } from './inpaint';
import type { Prior, RunStats } from './types';

const FILE = 'src/engine/ddrep/field-eval.ts';

export interface DdrepFieldEvalOptions {
  samples: number;
  contextIndex: number;
  /** Sample k uses seed + 7 k (DFM's evaluation does the same). */
  seed: number;
  ddrep: Partial<DdrepConfig>;
  /** Field structure (size, seed and photo are set here). */
  field: Partial<Omit<FieldConfig, 'kind' | 'size' | 'seed' | 'photo'>>;
  pool?: KernelPool;
  onSample?(k: number, stats: RunStats): void;
}

/** Relative tolerance on the photo camera's distance and field of view against the rig's. */
const RIG_TOLERANCE = 0.02;

/** Why a camera is not one of the prior's rig cameras (the camera field at fault and the reason), or null if it is. */
export function rigCameraProblem(c2w: Mat4, intrinsics: Intrinsics, rig: Pick<FieldConfig, 'radius' | 'fovDeg'> = FIELD_DEFAULTS): { field: 'c2w' | 'intrinsics'; reason: string } | null {
  const [x, y, z] = cameraCenter(c2w);
  const distance = Math.hypot(x, y, z);
  const rigSays = `the field is seen through the prior's rig: ${rig.radius} from the origin, looking at it, ${rig.fovDeg} deg field of view`;
  if (!(Math.abs(distance - rig.radius) <= RIG_TOLERANCE * rig.radius)) return { field: 'c2w', reason: `camera is ${distance.toFixed(3)} from the origin; ${rigSays}` };
  // OpenGL camera: it looks along -Z of its frame (the third column of c2w).
  const look = -(c2w[2] * x + c2w[6] * y + c2w[10] * z) / distance;
  if (!(look < -0.999)) return { field: 'c2w', reason: `camera does not look at the origin (cosine ${(-look).toFixed(4)}); ${rigSays}` };
  const fovDeg = (2 * Math.atan(intrinsics.width / (2 * intrinsics.fx)) * 180) / Math.PI;
  if (!(Math.abs(fovDeg - rig.fovDeg) <= RIG_TOLERANCE * rig.fovDeg)) return { field: 'intrinsics', reason: `field of view ${fovDeg.toFixed(2)} deg; ${rigSays}` };
  return null;
}

/**
 * The photo camera as a view of the prior's rig (azimuth 0 on +Z towards +X, elevation up), or an error naming
 * the view's file and the field that does not fit: the field can only be seen through the cameras the prior was
 * trained on.
 */
export function rigPhotoView(c2w: Mat4, intrinsics: Intrinsics, file: string, rig: Pick<FieldConfig, 'radius' | 'fovDeg'> = FIELD_DEFAULTS): FieldPhotoView {
  const problem = rigCameraProblem(c2w, intrinsics, rig);
  if (problem) throw new Error(`${file}: ${problem.field}: ${problem.reason}`);
  const [x, y, z] = cameraCenter(c2w);
  return { azimuth: Math.atan2(x, z), elevation: Math.atan2(y, Math.hypot(x, z)) };
}

/** An S x S image in [0, 1] box-pooled to R x R (S a multiple of R) and mapped to the prior's [-1, 1], [R R 3]. */
export function photoForPrior(image: RgbImage, size: number, file: string): Float32Array {
  const f = image.width / size;
  if (image.width !== image.height || !Number.isInteger(f) || f < 1) {
    throw new Error(`${file}: image: the photo is ${image.width}x${image.height}; DDRep's field needs a square photo whose side is a multiple of the prior's ${size}`);
  }
  const out = new Float32Array(size * size * 3);
  boxDownsample(image.data, size, f, out);
  for (let i = 0; i < out.length; i++) out[i] = 2 * out[i] - 1;
  return out;
}

/** DDRep's samples of one capture, as parallax eval's per-scene input (contexts: the photo; novel: every other pose). */
export async function evaluateDdrepFieldScene(
  tf: Tf, prior: Prior, size: number, capture: readonly CaptureView[], options: DdrepFieldEvalOptions,
): Promise<SceneEvalInput> {
  const o = options;
  if (!Number.isInteger(o.samples) || o.samples < 1) throw new Error(`${FILE}: samples must be a positive integer, got ${o.samples}`);
  const ctx = capture[o.contextIndex];
  if (!ctx) throw new Error(`${FILE}: contextIndex ${o.contextIndex} is not a view of the capture (${capture.length} views)`);
  capture.forEach((v) => { if (!v.depth) throw new Error(`${v.file}: depth: DDRep's field evaluation needs ground-truth depth (seen / unseen regions)`); });
  const photoView = rigPhotoView(ctx.c2w, ctx.intrinsics, ctx.file);
  const photo = tf.tensor3d(photoForPrior(ctx.image, size, ctx.file), [size, size, 3]);
  const others = capture.map((_, i) => i).filter((i) => i !== o.contextIndex);
  const contexts: ContextViewEval = { groundTruth: ctx.image, renders: [] };
  const renders = new Map<number, RgbImage[]>(others.map((i) => [i, []]));
  const renderAt = (field: ReturnType<typeof voxelField>, v: CaptureView): RgbImage => (
    { width: v.intrinsics.width, height: v.intrinsics.height, data: field.renderCamera(v.c2w, v.intrinsics) }
  );
  try {
    for (let k = 0; k < o.samples; k++) {
      const seed = o.seed + 7 * k;
      const field = voxelField(tf, { ...o.field, size, seed: hashSeed(seed, 0xf1e), photo: photoView }, { pool: o.pool });
      try {
        const stats = await sampleDdrep(tf, field, prior, { ...o.ddrep, seed }, { known: knownFromFieldPhoto(tf, field, photo) });
        (contexts.renders as RgbImage[]).push(renderAt(field, ctx));
        for (const i of others) renders.get(i)!.push(renderAt(field, capture[i]));
        o.onSample?.(k, stats);
      } finally {
        field.dispose();
      }
    }
  } finally {
    photo.dispose();
  }
  const ctxDepth = { intrinsics: ctx.intrinsics, c2w: ctx.c2w, depth: ctx.depth! };
  const novel = others.map((i): NovelViewEval => {
    const v = capture[i];
    const r = visibilityRegions([ctxDepth], { intrinsics: v.intrinsics, c2w: v.c2w, depth: v.depth! });
    return { pose: i, groundTruth: v.image, samples: renders.get(i)!, seen: r.seen, unseen: r.unseen };
  });
  return { contexts: [contexts], novel };
}

// Evaluation of DFM and the deterministic baseline on held-out multi-view scenes (issue 4, item 11):
// per scene, view `contextIndex` is the single context photo; DFM draws `samples` samples along
// `path` (EvalPath: one view generated at the pose farthest from the context, or every other pose
// generated autoregressively). Kept per sample: the generated views, and the sampled 3D scene
// re-rendered at the context pose and at every other ground-truth pose; the baseline renders its
// one deterministic field at the same poses. NovelViews picks which views the record scores.
// Seen/unseen masks come from ground-truth depth (src/engine/eval visibilityRegions). The EvalAccumulator turns these into the EvalRecord.
import { cameraCenter } from '../camera';
import type * as tfn from '@tensorflow/tfjs';
import type { CaptureView, RgbImage } from '../data/types';

type TensorContainer = tfn.TensorContainer;
import { visibilityRegions, type ContextViewEval, type NovelViewEval, type SceneEvalInput } from '../eval';
import { deterministicField, encodeContext } from './denoiser';
import { imageToTensor, tensorToImage } from './images';
import type { DfmModel } from './model';
import { renderImage } from './render-util';
import { disposeScene, sampleView, type DfmSampleOptions } from './sampler';
import { DEFAULT_SCENE_POOLING, type ScenePooling } from './pooling';
import { poolScene, renderScene, sampleAlongPath } from './scene';
import type { TrainView } from './train-step';

/**
 * How a DFM sample covers the capture's other poses:
 * - 'one-shot' (default): one view is generated (the pose farthest from the context) and every other
 *   pose is rendered from the field conditioned on the photo and that one view.
 * - 'autoregressive': the paper's 360-degree protocol (Sec. 4.1 "Co3D ... generated autoregressively",
 *   supplement Sec. 2.1): every other ground-truth pose is generated in turn, nearest the context
 *   first, each generated view joining the context of the next; the sampled scene is the field
 *   conditioned on the photo and all generated views.
 */
export type EvalPath = 'one-shot' | 'autoregressive';
export const EVAL_PATHS: readonly EvalPath[] = ['one-shot', 'autoregressive'];

export interface EvalOptions {
  samples: number;
  contextIndex: number;
  path: EvalPath;
  /** Context views per autoregressive step: the photo plus the generated views nearest the target. */
  maxContextViews: number;
  sample: Partial<DfmSampleOptions>;
  /** How the sampled scene pools its views for the re-renders (scene.ts ScenePooling). */
  pooling: ScenePooling;
}

export const EVAL_DEFAULTS: EvalOptions = {
  samples: 4, contextIndex: 0, path: 'one-shot', maxContextViews: 2, sample: {}, pooling: DEFAULT_SCENE_POOLING,
};

/** Views with ground-truth depth, at the model's size (no resizing: procedural captures match). */
function viewsOf(views: readonly CaptureView[], size: number): (TrainView & { depth: Float32Array })[] {
  return views.map((v, i) => {
    if (v.image.width !== size || v.image.height !== size) throw new Error(`dfm/evaluate.ts: views[${i}] (${v.file}) is ${v.image.width}x${v.image.height}; evaluation needs ${size}x${size}`);
    if (!v.depth) throw new Error(`dfm/evaluate.ts: views[${i}] (${v.file}) has no ground-truth depth`);
    return { image: v.image, camera: { intrinsics: v.intrinsics, c2w: v.c2w }, depth: v.depth };
  });
}

/** Indices of the views other than `from`, nearest `from`'s camera centre first (stable on ties). */
function byDistanceFrom(views: readonly TrainView[], from: number): number[] {
  const c = cameraCenter(views[from].camera.c2w);
  const dist = (v: TrainView) => { const p = cameraCenter(v.camera.c2w); return Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]); };
  return views.map((_, i) => i).filter((i) => i !== from).sort((a, b) => dist(views[a]) - dist(views[b]) || a - b);
}

function novelMasks(ctx: TrainView & { depth: Float32Array }, v: TrainView & { depth: Float32Array }): { seen: Uint8Array; unseen: Uint8Array } {
  const r = visibilityRegions([{ ...ctx.camera, depth: ctx.depth }], { ...v.camera, depth: v.depth });
  return { seen: r.seen, unseen: r.unseen };
}

/** DFM on one scene: the context re-renders, the generated views and the scene re-rendered at every other pose. */
export interface DfmSceneEval {
  contexts: ContextViewEval[];
  /** At each pose the sampler generated (one-shot: the farthest pose; autoregressive: every other pose). */
  generated: NovelViewEval[];
  /** The sampled scene re-rendered at every pose other than the context's. */
  rendered: NovelViewEval[];
}

export async function evaluateDfmScene(model: DfmModel, capture: readonly CaptureView[], options: Partial<EvalOptions> = {}): Promise<DfmSceneEval> {
  const o = { ...EVAL_DEFAULTS, ...options };
  const views = viewsOf(capture, model.config.imageSize);
  const ci = o.contextIndex; const ctx = views[ci];
  const nearestFirst = byDistanceFrom(views, ci);
  const generatedPoses = o.path === 'one-shot' ? nearestFirst.slice(-1) : nearestFirst;
  const others = views.map((_, i) => i).filter((i) => i !== ci);
  const masks = new Map(others.map((i) => [i, novelMasks(ctx, views[i])]));
  const contexts: ContextViewEval = { groundTruth: ctx.image, renders: [] };
  const renders = new Map<number, RgbImage[]>(others.map((i) => [i, []]));
  const generated = new Map<number, RgbImage[]>(generatedPoses.map((i) => [i, []]));
  for (let k = 0; k < o.samples; k++) {
    const seed = (o.sample.seed ?? 0) + 7 * k;
    const s = o.path === 'one-shot'
      ? await sampleView(model, [ctx], views[generatedPoses[0]].camera, { ...o.sample, seed })
      : await sampleAlongPath(model, [ctx], generatedPoses.map((i) => views[i].camera), { ...o.sample, seed, maxContextViews: o.maxContextViews });
    const images = 'views' in s ? s.views.map((v) => v.image) : [s.image];
    images.forEach((image, j) => generated.get(generatedPoses[j])!.push(image));
    const scene = poolScene(model, s.scene, o.pooling);
    (contexts.renders as unknown[]).push(renderScene(model, scene, ctx.camera).image);
    for (const i of others) renders.get(i)!.push(renderScene(model, scene, views[i].camera).image);
    disposeScene(scene);
  }
  const novelAt = (i: number, samples: RgbImage[]): NovelViewEval => ({ pose: i, groundTruth: views[i].image, samples, ...masks.get(i)! });
  return {
    contexts: [contexts],
    generated: generatedPoses.map((i) => novelAt(i, generated.get(i)!)),
    rendered: others.map((i) => novelAt(i, renders.get(i)!)),
  };
}

export function evaluateBaselineScene(model: DfmModel, capture: readonly CaptureView[], options: Partial<EvalOptions> = {}): SceneEvalInput {
  const o = { ...EVAL_DEFAULTS, ...options };
  const { tf, config: c } = model;
  const views = viewsOf(capture, c.imageSize);
  const ci = o.contextIndex; const ctx = views[ci]; const r = c.render;
  const renderAt = (v: TrainView): RgbImage => tf.tidy(() => {
    const field = deterministicField(model, encodeContext(model, imageToTensor(tf, ctx.image, c.imageSize, 'context'), false), [ctx.camera]);
    const img = tensorToImage(tf, renderImage(tf, field, v.camera, c.imageSize, { near: r.near, far: r.far, samples: r.samples, background: r.background }, r.chunk).rgb);
    return img as unknown as TensorContainer;
  }) as unknown as RgbImage;
  const contexts: ContextViewEval = { groundTruth: ctx.image, renders: [renderAt(ctx)] };
  const novel = views.map((_, i) => i).filter((i) => i !== ci)
    .map((i) => ({ pose: i, groundTruth: views[i].image, samples: [renderAt(views[i])], ...novelMasks(ctx, views[i]) }));
  return { contexts: [contexts], novel };
}

/**
 * Which novel views the headline record scores (both are always computed):
 * - 'rendered' (default, the stricter): the sampled scene re-rendered at every other pose,
 *   including the poses between the photo and a generated view that one-shot sampling never
 *   generates; what the viewer and the exported mesh show.
 * - 'generated' (as the paper scores its samples): the views DFM generated, against the baseline's
 *   renders at the same poses. One-shot generates only the pose farthest from the photo, where the
 *   pixels the photo also sees are thin silhouette rims, so diversitySeen there measures rims.
 * The context view is re-rendered from the sampled scene in both.
 */
export type NovelViews = 'rendered' | 'generated';
export const NOVEL_VIEWS: readonly NovelViews[] = ['rendered', 'generated'];

/**
 * A compared method's input of one scene (the baseline's, DDRep's: one view at every other pose) for the
 * chosen novel views, so it is scored at the same poses as DFM: all of them ('rendered', returned as is),
 * or only the poses DFM generated ('generated').
 */
export function atScoredPoses(input: SceneEvalInput, dfm: DfmSceneEval, which: NovelViews): SceneEvalInput {
  if (which === 'rendered') return input;
  const poses = new Set(dfm.generated.map((v) => v.pose));
  return { contexts: input.contexts, novel: input.novel.filter((v) => poses.has(v.pose)) };
}

/** The DFM and baseline inputs of one scene for the chosen novel views. */
export function evalInputsFor(dfm: DfmSceneEval, baseline: SceneEvalInput, which: NovelViews): { dfm: SceneEvalInput; baseline: SceneEvalInput } {
  return {
    dfm: { contexts: dfm.contexts, novel: which === 'rendered' ? dfm.rendered : dfm.generated },
    baseline: atScoredPoses(baseline, dfm, which),
  };
}

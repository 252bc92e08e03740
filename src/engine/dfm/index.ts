export { DFM_DEFAULTS, DFM_PAPER_PRESET, DFM_TOY_PRESET, resolveDfmConfig, encoderConfigOf, fieldConfigOf } from './config';
export type { DfmConfig, DfmRenderConfig, DfmTrainConfig, DfmLossWeights } from './config';
export {
  createDfmModel, disposeDfmModel, deterministicPrefixes, ENCODER_PREFIX, DET_FIELD_PREFIX, JOINT_FIELD_PREFIX,
} from './model';
export type { DfmModel } from './model';
export {
  encodeContext, deterministicField, prepareConditioning, disposeConditioning, encodeTarget, jointConditioning,
  jointField, denoise,
} from './denoiser';
export type { DfmConditioning, ConditioningOptions } from './denoiser';
export { conditionalFieldFn, cameraAtSize, renderPatch, renderImage } from './render-util';
export type { Patch, RenderedImage } from './render-util';
export { EmaWeights } from './ema';
export { mse, patchLosses } from './losses';
export { imageToTensor, tensorToImage } from './images';
export { createDfmTrainer, disposeTrainer, dfmTrainStep, deterministicTrainStep, rngSeed } from './train-step';
export type { TrainView, DfmTrainExample, DfmTrainer, TrainStepResult } from './train-step';
export { sampleView, sceneField, disposeScene, disposeVisibility, DFM_SAMPLE_DEFAULTS } from './sampler';
export type { DfmSampleOptions, DfmSampleProgress, DfmScene, DfmSample } from './sampler';
export { NamedAdam } from './adam';
export type { AdamConfig } from './adam';
export { serializeTrainer, readCheckpoint, restoreTrainer } from './checkpoint';
export type { CheckpointHeader } from './checkpoint';
export { runTrainLoop, drawExample, TRAIN_LOOP_DEFAULTS } from './train-loop';
export type { TrainScene, TrainLoopOptions, TrainProgress, TrainHooks, TrainLoopResult } from './train-loop';
export { checkpointPreview, withWeights } from './preview';
export { createTargetCache, denoiseCached, disposeTargetCache, TARGET_CACHE_DEFAULTS } from './target-cache';
export type { TargetRenderCache, TargetCacheOptions } from './target-cache';
export { encodeDfmModelFile, loadDfmModelFile } from './model-io';
export type { LoadedDfmModel } from './model-io';
export { squareView, captureToTrainScene } from './capture-views';
export { orbitPath, sampleAlongPath, sampleScenes, renderScene, bakeSceneGrid, withVisibility, poolScene, BAKE_DEFAULTS } from './scene';
export { SCENE_POOLINGS, DEFAULT_SCENE_POOLING, type ScenePooling } from './pooling';
export type { OrbitOptions, AutoregressiveOptions, SampledScene, BakeOptions, VisibilityOptions as SceneVisibilityOptions } from './scene';
export { evaluateDfmScene, evaluateBaselineScene, evalInputsFor, atScoredPoses, EVAL_DEFAULTS, EVAL_PATHS, NOVEL_VIEWS } from './evaluate';
export type { EvalOptions, EvalPath, DfmSceneEval, NovelViews } from './evaluate';
export { forwardPath, generationPaths, FORWARD_PATH_DEFAULTS, GENERATION_PATH_DEFAULTS, CAMERA_PATH_KINDS } from './paths';
export type { ForwardPathOptions, CameraPathKind, GenerationPathOptions, GenerationPaths } from './paths';

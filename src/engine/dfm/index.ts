export { DFM_DEFAULTS, DFM_PAPER_PRESET, resolveDfmConfig, encoderConfigOf, fieldConfigOf } from './config';
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
export { createDfmTrainer, disposeTrainer, dfmTrainStep, deterministicTrainStep } from './train-step';
export type { TrainView, DfmTrainExample, DfmTrainer, TrainStepResult } from './train-step';
export { sampleView, sceneField, disposeScene, DFM_SAMPLE_DEFAULTS } from './sampler';
export type { DfmSampleOptions, DfmSampleProgress, DfmScene, DfmSample } from './sampler';

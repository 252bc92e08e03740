// KID for the image prior (issue 17): the unbiased polynomial-kernel MMD estimator, a small feature
// extractor trained on the procedural category's scene parameters, its model file, the category
// render sets it is trained and compared on, and diversity/sharpness for unpaired sets.
export { kernelInceptionDistance, mmd2Unbiased, mmd2UnbiasedFromGram, polynomialGram, KID_DEFAULTS } from './mmd';
export type { KidOptions, KidResult, FeatureMatrix } from './mmd';
export {
  KID_FEATURE_DEFAULTS, createKidFeatureNet, disposeKidFeatureNet, kidFeatureForward, extractFeatures, meanPool, validateKidFeatureConfig,
} from './feature-net';
export type { KidFeatureConfig, KidFeatureNet } from './feature-net';
export {
  KID_TRAIN_DEFAULTS, createKidFeatureTrainer, kidFeatureTrainStep, learningRateAt, regressionError, standardise, targetStats,
} from './feature-train';
export type { KidTrainOptions, KidFeatureTrainer, RegressionError } from './feature-train';
export { encodeKidFeatureFile, loadKidFeatureFile } from './feature-io';
export type { LoadedKidFeatureNet } from './feature-io';
export { RENDER_SET_DEFAULTS, renderCategorySet, boxDownsample } from './render-set';
export type { RenderSet, RenderSetOptions } from './render-set';
export { SCENE_TARGET_NAMES, sceneTargets, cameraAngles } from './scene-targets';
export { gaussianBlurSet, colourShiftSet } from './perturb';
export { meanPairwiseDistance, pixelPairDistance, setSharpnessRatio } from './set-metrics';

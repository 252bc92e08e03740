// KID for the image prior (issue 17): the unbiased polynomial-kernel MMD estimator, a small feature
// extractor trained on the procedural category's scene parameters, its model file, the category
// render sets it is trained and compared on, and diversity/sharpness for unpaired sets.
//
// eval-prior usage (images [N, S, S, 3] in [0, 1], S = 32 or 64):
//   const { net, checksum } = loadKidFeatureFile(tf, bytes, 'resources/models/kid-features.plxm');
//   const ref = renderCategorySet({ split: 'test', scenes: 200, seed: 0, views: 'one' });   // i.i.d. held-out renders
//   const fRef = extractFeatures(tf, net, ref.images, 32);
//   const fGen = extractFeatures(tf, net, samples, S);
//   kid = kernelInceptionDistance(fGen, fRef, net.config.featureDim)        // { mean, std, full, ... }
//   diversity = meanPairwiseDistance(fGen, net.config.featureDim)          // reference: the same on fRef
//   sharpness = setSharpnessRatio(samples, ref.images, 32)                 // same resolution on both sides
// The model file's provenance holds the yardstick (held-out vs train renders, vs blurred copies).
export { kernelInceptionDistance, mmd2Unbiased, mmd2UnbiasedFromGram, polynomialGram, KID_DEFAULTS } from './mmd';
export type { KidOptions, KidResult, FeatureMatrix } from './mmd';
export {
  KID_FEATURE_DEFAULTS, createKidFeatureNet, disposeKidFeatureNet, kidFeatureForward, extractFeatures, meanPool, predictAzimuths, validateKidFeatureConfig,
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

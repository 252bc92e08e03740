// Generative evaluation (issue 4 item 11): visibility of target pixels from the context views,
// sharpness (high-frequency energy vs. ground truth), sample diversity, and the EvalRecord that
// `parallax eval` prints. PSNR/SSIM live in ../metrics and are passed in as ImageMetrics.
// KID, set diversity and set sharpness for the image prior are their own module: ./kid (index.ts).
export {
  visibilityMask, visibilityRegions, surfaceMask, isBackgroundDepth, maskCount, VISIBILITY_DEFAULTS,
} from './visibility';
export type { DepthView, VisibilityOptions, VisibilityRegions } from './visibility';
export { luminance, laplacianOfLuminance, highFrequencyEnergy, sharpnessRatio } from './high-frequency';
export { pixelDiversity } from './diversity';
export { EvalAccumulator, aggregateEval, formatEvalTable, EVAL_RECORD_KEYS } from './aggregate';
export type { EvalRecord, EvalReport, ImageMetrics, ContextViewEval, NovelViewEval, SceneEvalInput } from './aggregate';
export { evalAcceptance, EVAL_ACCEPTANCE_DEFAULTS } from './acceptance';
export type { EvalAcceptanceThresholds, EvalCheck } from './acceptance';
export { bootstrapAcceptance, quantile, BOOTSTRAP_DEFAULTS } from './scene-bootstrap';
export type { BootstrapOptions, CheckInterval, SceneAccumulators } from './scene-bootstrap';

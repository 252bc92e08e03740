export type {
  DifferentiableRep, DiffrepConfig, DiffrepMethodConfig, Prior, RepFitOptions, RepView, Rng, RunStats, StepInfo, ViewCondBatch,
} from './types';
export { pixelGrid, PIXEL_GRID_DEFAULTS } from './pixel-grid';
export type { PixelGridConfig } from './pixel-grid';
export { canvasPanorama, CANVAS_PANORAMA_DEFAULTS } from './canvas-panorama';
export type { CanvasPanorama, CanvasPanoramaConfig, CropView } from './canvas-panorama';
export { siren, SIREN_DEFAULTS } from './siren';
export type { SirenConfig } from './siren';
export { voxelField, FIELD_DEFAULTS, FIELD_INNER_ITERATIONS } from './field';
export type { FieldConfig, FieldRep } from './field';
export { fieldView } from './field-views';
export type { FieldView, FieldCameraConfig, FieldPhotoView } from './field-views';
export { guidedPrediction } from './prior';
export type { GuidedPrediction } from './prior';
export { fitViews, fitViewsReport, innerFit, viewsLoss, INNER_FIT_DEFAULTS, TOLERANCE_CHECK_EVERY } from './inner-fit';
export type { FitReport, InnerFitOptions } from './inner-fit';
export { sampleDdrep, resolveDdrepConfig, repaintForwardNoise, DDREP_DEFAULTS } from './ddrep';
export type { DdrepConfig, DdrepResumeState, DdrepRunOptions, KnownPixels } from './ddrep';
export { knownFromImage, knownFromCanvas, knownFromFieldPhoto } from './inpaint';
export { sampleSds, SDS_DEFAULTS } from './sds';
export type { SdsConfig, DistillRunOptions } from './sds';
export { sampleSjc, SJC_DEFAULTS } from './sjc';
export type { SjcConfig } from './sjc';
export { evaluateDdrepFieldScene, photoForPrior, rigCameraProblem, rigPhotoView } from './field-eval';
export type { DdrepFieldEvalOptions } from './field-eval';

// The image diffusion prior of DDRep/SDS/SJC (issue 17): a small conditional pixel-space UNet trained on
// 32x32 renders of the procedural category, conditioned on the view's elevation and azimuth.
export { PRIOR_DEFAULTS, resolvePriorConfig } from './config';
export type { PriorConfig, PriorConfigInput, PriorUnetConfig, PriorTrainConfig } from './config';
export { initUnet, unetForward } from './unet';
export type { CondRows } from './unet';
export { createPriorModel, disposePriorModel, parameterCount, priorEpsilon, UNET_PREFIX } from './model';
export type { PriorModel } from './model';
export { createPriorTrainer, disposePriorTrainer, learningRateAt, normals, priorLoss, priorTrainStep } from './train-step';
export type { PriorTrainer, PriorTrainData, PriorStepResult } from './train-step';
export { serializePriorTrainer, readPriorCheckpoint, restorePriorTrainer } from './checkpoint';
export type { PriorCheckpointHeader } from './checkpoint';
export { encodePriorModelFile, loadPriorModelFile } from './model-io';
export type { LoadedPriorModel } from './model-io';
export { imagePrior, PRIOR_ADAPTER_DEFAULTS } from './adapter';
export type { ImagePrior, PriorAdapterOptions } from './adapter';
export { priorImages, heldOutImages, priorCondition, PRIOR_DATA_DEFAULTS, HELD_OUT_DEFAULTS } from './data';
export type { PriorDataOptions, PriorImages } from './data';
export { samplePrior, PRIOR_SAMPLE_DEFAULTS } from './sample';
export type { PriorSampleOptions } from './sample';

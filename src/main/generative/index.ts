// The Node-side generative pipeline (DFM): model files, the photo a generation starts from,
// fine-tuning setup, one generated scene (views, volume, mesh) and the variance view. Used by the
// CLI (`parallax train|sample|eval`) and by the `train` / `sample` job runners.
export { defaultModelPath, loadModel } from './models';
export type { LoadedModelFile } from './models';
export { canonicalFrontCamera, photoAsFrontView, readPhoto } from './photo';
export { loadTrainScenes, prepareFineTune, encodeFineTuned, hardwareDescription, ENGINE_VERSION } from './fine-tune';
export type { FineTuneSetup } from './fine-tune';
export { generateSample, farthestView, GENERATE_DEFAULTS } from './sample-scene';
export type { GenerateOptions, GenerateHooks, GeneratedSample } from './sample-scene';
export { spreadImage, tileStrip, rampColour } from './images';
export type { SpreadImage } from './images';
export { importDefaultModel, DEFAULT_MODEL_NAME, DEFAULT_MODEL_SOURCE, MODEL_FILE } from './default-model';
export { yieldToEventLoop } from './yield';

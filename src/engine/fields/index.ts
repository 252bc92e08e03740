export { matMul2d, denseApply, gatherRows, addBias, conv2dIm2col } from './ops';
export { ParamStore, makeRng, SeededRng } from './params';
export type { ParamInit } from './params';
export {
  initDense, dense, initConv, conv, silu, groupNormPlain, initGroupNorm, groupNorm, adaGroupNorm,
  initAdaGroupNorm, timestepEmbedding,
} from './layers';
export type { ConvImpl } from './layers';
export { ENCODER_DEFAULTS, initEncoder, encode } from './encoder';
export type { EncoderConfig } from './encoder';
export { makeCameras, disposeCameras, projectPoints, sampleFeatures } from './projection';
export type { ViewCamera, ProjectionCameras, Projection } from './projection';
export {
  PIXEL_FIELD_DEFAULTS, positionalEncoding, initPixelField, fieldTrunk, fieldHead, queryPixelField,
  trunkPositionTerm, trunkFeatureTerm, trunkTimeTerm, trunkFinish, fieldHeadFromAggregate,
} from './pixel-field';
export type { PixelFieldConfig, FieldConditioning, FieldPointOutput } from './pixel-field';
export type { ViewVisibility } from './view-visibility';

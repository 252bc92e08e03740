export { RENDER_DEFAULTS } from './types';
export type {
  Background, CompositeResult, FieldFn, FieldOutput, RaySamples, RayTensors, RenderOptions, RenderResult,
} from './types';
export { composite, compositeWeights } from './composite';
export type { CompositeInput } from './composite';
export { edgesFromSamples, gatherRows, importanceSample, stratifiedSamples } from './sampling';
export { exclusiveCumsum } from './cumsum';
export { pointsAlongRays, renderRays, resolveRenderOptions } from './render-rays';
export {
  DEPTH_SMOOTHNESS_DEFAULTS, depthSmoothnessLoss, distortionLoss, distortionLossQuadratic, normalizeEdges,
} from './regularizers';
export type { DepthSmoothnessOptions } from './regularizers';
export { cameraRays, disposeRays, rayAabbBounds, raysToTensors, renderRaysChunked, renderView } from './rays';
export type { RenderedPixels } from './rays';

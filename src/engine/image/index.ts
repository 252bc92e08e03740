// Image helpers shared by the engine: RgbImage <-> 8-bit RGBA, compositing, box resize.
// PNG/JPEG/WebP encoding and decoding are host work (src/main/capture-io, via sharp).
export {
  createRgbImage, encodeRgbToRgba8, decodeRgba8ToRgb, alphaOfRgba8, hasTransparency,
  rgbToRgb8, rgb8ToRgb, depthToRgb,
} from './convert';
export type { Rgb } from './convert';
export {
  fitWithinMaxSide, resizeRgb, resizeScalar, resizeDepth, resizeRgba, resizeRgba8Premultiplied,
  rgba8ToRgbResized,
} from './resize';

// Model files: versioned binary container for trained weights, model config and training
// provenance, with a CRC-32 checksum. The format specification is the comment at the top of
// ./format.ts (also ./FORMAT.md).
export {
  MAGIC, FORMAT_VERSION, SUPPORTED_VERSIONS, MODEL_FILE_EXTENSION, MODEL_METHODS,
} from './format';
export type { ModelMethod, StorageDtype } from './format';
export { ModelFileError } from './errors';
export type { ModelFileErrorCode } from './errors';
export type { ModelProvenance, ModelConfig, TensorEntry, ModelHeader } from './header';
export { encodeModelFile } from './encode';
export type { ModelFileInput, ModelTensorInput } from './encode';
export { decodeModelFile } from './decode';
export type { DecodedModel, DecodedTensor, DecodeModelOptions } from './decode';
export { toTfTensors, weightMap, compareWeights, assignWeights } from './tf-bridge';
export type { WeightsMismatch } from './tf-bridge';
export { crcHex } from '../checksum';
export { float32ToFloat16Bits, float16BitsToFloat32, toFloat16, fromFloat16, FLOAT16_MAX } from './float16';

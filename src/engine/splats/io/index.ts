// Splat file formats: pure encoders/decoders (bytes in, bytes out) for the standard 3DGS .ply,
// antimatter15's .splat, Niantic's .spz and glTF with KHR_gaussian_splatting.
export { encodeSplatPly, decodeSplatPly, splatPlyPropertyNames, validateSplatScene, checkFinite } from './ply';
export { encodeSplatBinary, decodeSplatBinary, splatImportanceOrder, SPLAT_RECORD_BYTES, SPLAT_BINARY_DEFAULTS } from './antimatter-splat';
export type { SplatBinaryOptions } from './antimatter-splat';
export { encodeSpz, decodeSpz, packSpz, readSpzHeader, SPZ_MAGIC, SPZ_DEFAULTS } from './spz';
export type { SpzOptions, SpzHeader } from './spz';
export { encodeSplatGlb, decodeSplatGlb, shAttributeName, KHR_GAUSSIAN_SPLATTING, SPLAT_GLB_SETTINGS } from './glb';
export { compareSplatScenes, SPLAT_TOLERANCES } from './compare';
export type { SplatFileFormat, SplatTolerance, SplatComparison } from './compare';
export { randomSplatScene, RANDOM_SPLAT_DEFAULTS } from './random-scene';
export type { RandomSplatOptions } from './random-scene';

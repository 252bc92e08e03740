// Parallax model file format, version 1 (`.plxm`). This comment is the specification; FORMAT.md
// in this folder repeats it for readers outside the code.
//
// All integers are little-endian. Offsets are absolute byte offsets from the start of the file.
//
//   offset      size  field
//   0           8     magic: 89 50 4C 58 4D 4F 44 0A  ("\x89PLXMOD\n"; the high byte and the
//                     newline catch 7-bit and newline-translating transfers, as in PNG)
//   8           4     u32 formatVersion = 1
//   12          4     u32 headerLength H: byte length of the UTF-8 JSON header (without padding)
//   16          8     u64 dataLength D: byte length of the tensor data section (< 2^53)
//   24          4     u32 preambleCrc: CRC-32 of bytes [0, 24)
//   28          4     u32 reserved, written as 0, ignored by version-1 readers
//   32          H     header: UTF-8 JSON (below), then 0x20 (space) padding up to
//                     dataStart = align8(32 + H)
//   dataStart   D     tensor data; every tensor starts at a multiple of 8 bytes relative to
//                     dataStart (so also absolutely); padding between tensors is zero bytes
//   dataStart+D 4     u32 checksum: CRC-32 of bytes [0, dataStart + D) (preamble, header and data)
//   dataStart+D+4 4   u32 reserved, written as 0, ignored by version-1 readers
//
//   total length = dataStart + D + 8 (always a multiple of 8)
//
// CRC-32 is the IEEE 802.3 / zlib / PNG one (reflected, polynomial 0xEDB88320, init and final
// xor 0xFFFFFFFF; CRC-32("123456789") = 0xCBF43926). Its hex form is the model's content hash.
//
// Header JSON (an object; unknown top-level keys are rejected so typos do not pass silently):
//   {
//     "method": "dfm" | "pixelnerf" | "kid-features" | "prior",
//     "config": { ... },                 // the model's own JSON config (DfmConfig etc.)
//     "provenance": {                    // how the weights were made; extra keys are allowed
//       "dataset": string, "seed": integer, "steps": integer >= 0,
//       "wallTimeSeconds": number >= 0, "hardware": string, "engineVersion": string,
//       "createdAt"?: string (ISO 8601), "baseModel"?: string (checksum of the model it was
//       fine-tuned from)
//     },
//     "tensors": [                       // the tensor table, in file order
//       { "name": string, "dtype": "float32" | "float16", "shape": integer[] >= 0,
//         "offset": integer (relative to dataStart, multiple of 8), "length": integer (bytes) }
//     ]
//   }
//   length must equal product(shape) * (4 for float32, 2 for float16); tensor byte ranges lie
//   inside [0, D) and do not overlap; names are unique and non-empty.
//
// Storage dtype: weights are float32 in memory. A writer may store any tensor as IEEE 754
// binary16 (float16, round to nearest even) to halve the file; readers always return float32.
// float16 keeps a relative error <= 2^-11 for |x| >= 2^-14 and an absolute error <= 2^-25 below;
// values beyond +-65504 cannot be stored as float16 and the writer refuses them (and refuses
// non-finite weights in any dtype).
//
// Versioning: formatVersion changes whenever the layout or the meaning of a field changes in a
// way a version-1 reader would misread. A reader checks the magic, then the version, and rejects
// versions it does not know before reading anything else (so a later version may change
// everything after byte 12). Optional header keys may be added without a version change.

export const MAGIC = Uint8Array.from([0x89, 0x50, 0x4c, 0x58, 0x4d, 0x4f, 0x44, 0x0a]);
export const FORMAT_VERSION = 1;
export const SUPPORTED_VERSIONS: readonly number[] = [1];
export const PREAMBLE_BYTES = 32;
/** Bytes of the preamble covered by preambleCrc. */
export const PREAMBLE_CRC_SPAN = 24;
export const TRAILER_BYTES = 8;
export const ALIGNMENT = 8;
/** Refuse headers larger than this (a corrupt length would otherwise allocate wildly). */
export const MAX_HEADER_BYTES = 64 * 1024 * 1024;
/** Suggested file extension. */
export const MODEL_FILE_EXTENSION = '.plxm';

/** 'kid-features': the KID feature extractor (src/engine/eval/kid), not a generative model;
 *  'prior': the conditional image diffusion prior of DDRep/SDS/SJC (src/engine/prior). */
export type ModelMethod = 'dfm' | 'pixelnerf' | 'kid-features' | 'prior';
export const MODEL_METHODS: readonly ModelMethod[] = ['dfm', 'pixelnerf', 'kid-features', 'prior'];
export type StorageDtype = 'float32' | 'float16';

export function align8(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

export function bytesPerElement(dtype: StorageDtype): number {
  return dtype === 'float16' ? 2 : 4;
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

// Model file errors carry a machine-readable code, the file (the caller's name for the bytes,
// 'model file' when none was given) and the field at fault. Message: `<file> [<field>]: <detail>`.

export type ModelFileErrorCode =
  | 'not-a-model-file' // wrong magic bytes
  | 'unsupported-version' // a format version this build cannot read
  | 'truncated' // fewer bytes than the preamble announces
  | 'trailing-data' // more bytes than the preamble announces
  | 'corrupt' // checksum mismatch (preamble or whole file)
  | 'header-malformed' // header not UTF-8 JSON or not the schema
  | 'tensor-table' // tensor table inconsistent with itself or with the data section
  | 'method-mismatch' // e.g. a pixelnerf file loaded where a dfm model is expected
  | 'config-mismatch' // the caller's config check rejected the file's config
  | 'weights-mismatch' // tensor names/shapes do not match the model's variables
  | 'invalid-input'; // bad arguments to the encoder

export class ModelFileError extends Error {
  readonly code: ModelFileErrorCode;
  readonly file: string;
  readonly field: string;
  readonly detail: string;

  constructor(code: ModelFileErrorCode, file: string, field: string, detail: string) {
    super(`${file} [${field}]: ${detail}`);
    this.name = 'ModelFileError';
    this.code = code;
    this.file = file;
    this.field = field;
    this.detail = detail;
  }
}

export { show } from '../show-value';

/** "a, b, c and 4 more" */
export function listNames(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

// Capture errors name the file (relative to the capture root) and the field that is wrong,
// and say what the bad value was. The message reads: `<file> [<field>]: <detail>`.

export class CaptureError extends Error {
  readonly file: string;
  readonly field: string;
  readonly detail: string;

  constructor(message: string, file: string, field: string) {
    super(`${file} [${field}]: ${message}`);
    this.name = 'CaptureError';
    this.file = file;
    this.field = field;
    this.detail = message;
  }
}

export { show } from '../show-value';

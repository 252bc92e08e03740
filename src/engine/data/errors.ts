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

/** Short printable form of a bad value for messages. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) s = String(value);
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

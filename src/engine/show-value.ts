// A bad value as error messages quote it: strings JSON-quoted, objects as JSON, anything that
// cannot be serialised via String(), cut to 80 characters. Shared by the capture and model-file
// errors so every "<file> [<field>]: ..." message shows values the same way.

export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (typeof value !== 'object' || value === null) s = String(value);
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

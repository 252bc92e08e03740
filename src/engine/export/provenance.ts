// Provenance records -> plain JSON for glTF `extras` (which must be JSON, spec 2.0 §5.41).

const FILE = 'src/engine/export/provenance.ts';
const MAX_DEPTH = 16;

/**
 * A JSON-safe copy: non-finite numbers become null, bigint becomes a string, typed arrays
 * become arrays, Dates ISO strings; undefined, functions and symbols are dropped.
 * Throws on cycles and on nesting deeper than 16 levels, naming the path.
 */
export function toJsonValue(value: unknown, path = 'provenance', depth = 0, seen = new Set<object>()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) throw new Error(`${FILE}: ${path} nests deeper than ${MAX_DEPTH} levels`);
  const obj = value as object;
  if (seen.has(obj)) throw new Error(`${FILE}: ${path} contains a cycle`);
  seen.add(obj);
  let out: unknown;
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    out = Array.from(obj as unknown as ArrayLike<number | bigint>, (v) => toJsonValue(v, path, depth + 1, seen));
  } else if (Array.isArray(obj)) {
    out = obj.map((v, i) => toJsonValue(v, `${path}[${i}]`, depth + 1, seen) ?? null);
  } else {
    const rec: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const j = toJsonValue(v, `${path}.${k}`, depth + 1, seen);
      if (j !== undefined) rec[k] = j;
    }
    out = rec;
  }
  seen.delete(obj);
  return out;
}

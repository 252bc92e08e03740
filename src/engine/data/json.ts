// JSON parsing and typed field access with errors that name the file, the field path and
// the bad value (e.g. `transforms.json [frames[3].transform_matrix]: ...`).
import { mat4, rigidityError } from '../camera';
import type { Mat4 } from '../camera';
import { CaptureError, show } from './errors';
import { findJsonError } from './json-position';

export type JsonObject = Record<string, unknown>;

/** Parse JSON; syntax errors name the file and the line/column/position of the problem. */
export function parseJsonFile(text: string, file: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(src);
  } catch (e) {
    const found = findJsonError(src);
    const msg = e instanceof Error ? e.message : String(e);
    const pos = found?.position ?? Number(/position (\d+)/.exec(msg)?.[1] ?? src.length);
    const before = src.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw new CaptureError(
      `malformed JSON at line ${line}, column ${column} (position ${pos}): ${found?.reason ?? msg}`,
      file, `json@${line}:${column}`,
    );
  }
}

export function asObject(v: unknown, file: string, field: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new CaptureError(`expected an object, got ${show(v)}`, file, field);
  }
  return v as JsonObject;
}

export function asArray(v: unknown, file: string, field: string): unknown[] {
  if (!Array.isArray(v)) throw new CaptureError(`expected an array, got ${show(v)}`, file, field);
  return v;
}

export interface NumberRule { positive?: boolean; integer?: boolean; min?: number; max?: number }

export function asNumber(v: unknown, file: string, field: string, rule: NumberRule = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new CaptureError(`expected a finite number, got ${show(v)}`, file, field);
  }
  if (rule.positive && !(v > 0)) throw new CaptureError(`must be > 0, got ${show(v)}`, file, field);
  if (rule.integer && !Number.isInteger(v)) throw new CaptureError(`must be an integer, got ${show(v)}`, file, field);
  if (rule.min !== undefined && v < rule.min) throw new CaptureError(`must be >= ${rule.min}, got ${show(v)}`, file, field);
  if (rule.max !== undefined && v > rule.max) throw new CaptureError(`must be <= ${rule.max}, got ${show(v)}`, file, field);
  return v;
}

/** Field `key` of `obj` as a number, or undefined when absent (null counts as absent). */
export function optNumber(obj: JsonObject, key: string, file: string, prefix: string, rule: NumberRule = {}): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  return asNumber(v, file, prefix ? `${prefix}.${key}` : key, rule);
}

export function optString(obj: JsonObject, key: string, file: string, prefix: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new CaptureError(`expected a string, got ${show(v)}`, file, prefix ? `${prefix}.${key}` : key);
  return v;
}

/** A numeric vector of the given length. */
export function asVector(v: unknown, length: number, file: string, field: string): number[] {
  const a = asArray(v, file, field);
  if (a.length !== length) throw new CaptureError(`expected ${length} numbers, got ${show(v)}`, file, field);
  return a.map((x, i) => asNumber(x, file, `${field}[${i}]`));
}

/**
 * A camera-to-world matrix given as 4 (or 3) rows of 4 numbers. Checks that every entry is
 * finite and that the matrix is rigid (rotation + translation) with `rigidityError`.
 */
export function asPoseMatrix(v: unknown, file: string, field: string): Mat4 {
  const rows = asArray(v, file, field);
  if (rows.length !== 4 && rows.length !== 3) {
    throw new CaptureError(`expected a 4x4 (or 3x4) matrix, got ${rows.length} rows: ${show(v)}`, file, field);
  }
  const values: number[] = [];
  rows.forEach((row, r) => {
    const cols = asArray(row, file, `${field}[${r}]`);
    if (cols.length !== 4) throw new CaptureError(`row ${r} has ${cols.length} entries, expected 4: ${show(row)}`, file, field);
    cols.forEach((x, c) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new CaptureError(`entry [${r}][${c}] is not a finite number: ${show(x)}`, file, field);
      }
      values.push(x);
    });
  });
  if (rows.length === 3) values.push(0, 0, 0, 1);
  return checkedPose(values, file, field);
}

/** Validate a flat row-major pose with `rigidityError`. */
export function checkedPose(values: ArrayLike<number>, file: string, field: string): Mat4 {
  const m = mat4(values);
  const err = rigidityError(m);
  if (err) throw new CaptureError(`camera pose is not a rigid transform: ${err}; matrix ${show(Array.from(m))}`, file, field);
  return m;
}

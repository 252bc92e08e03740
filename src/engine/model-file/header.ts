// The JSON header of a model file: schema (zod), provenance type, JSON-value checks and the
// tensor-table consistency check. Layout and semantics: see format.ts.
import { z } from 'zod';
import { ModelFileError, show } from './errors';
import { ALIGNMENT, MODEL_METHODS, bytesPerElement, shapeSize, type ModelMethod, type StorageDtype } from './format';

/** How the weights were made. Extra keys (JSON values) are kept. */
export interface ModelProvenance {
  /** Dataset description, e.g. "procedural-toys v1, 512 scenes, seed 1". */
  dataset: string;
  seed: number;
  steps: number;
  wallTimeSeconds: number;
  /** e.g. "2-core x86_64 CPU, tfjs wasm SIMD". */
  hardware: string;
  /** Parallax Studio version that wrote the weights. */
  engineVersion: string;
  /** ISO 8601 time the file was written. */
  createdAt?: string;
  /** Checksum (hex) of the model this one was fine-tuned from. */
  baseModel?: string;
  [extra: string]: unknown;
}

/** JSON config of the model (e.g. DfmConfig): any JSON object. */
export type ModelConfig = Record<string, unknown>;

export interface TensorEntry {
  name: string;
  dtype: StorageDtype;
  shape: number[];
  /** Byte offset relative to the start of the data section. */
  offset: number;
  /** Byte length. */
  length: number;
}

export interface ModelHeader {
  method: ModelMethod;
  config: ModelConfig;
  provenance: ModelProvenance;
  tensors: TensorEntry[];
}

const nonNegInt = z.number().int().nonnegative();

export const ProvenanceSchema = z.looseObject({
  dataset: z.string(),
  seed: z.number().int(),
  steps: nonNegInt,
  wallTimeSeconds: z.number().nonnegative(),
  hardware: z.string(),
  engineVersion: z.string(),
  createdAt: z.string().optional(),
  baseModel: z.string().optional(),
});

const TensorEntrySchema = z.strictObject({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'float16']),
  shape: z.array(nonNegInt),
  offset: nonNegInt,
  length: nonNegInt,
});

const HeaderSchema = z.strictObject({
  method: z.enum(MODEL_METHODS as [ModelMethod, ...ModelMethod[]]),
  config: z.record(z.string(), z.unknown()),
  provenance: ProvenanceSchema,
  tensors: z.array(TensorEntrySchema),
});

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Validate with zod; the first issue becomes a ModelFileError naming the field and value. */
export function parseWith<T>(
  schema: z.ZodType<T>, value: unknown, file: string, prefix: string, code: 'header-malformed' | 'invalid-input',
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
  const got = issue.code === 'unrecognized_keys' ? '' : ` (got ${show(valueAt(value, issue.path))})`;
  throw new ModelFileError(code, file, field, `${issue.message}${got}`);
}

export function parseHeader(json: unknown, file: string): ModelHeader {
  return parseWith(HeaderSchema, json, file, 'header', 'header-malformed') as ModelHeader;
}

/** Returns a description of the first non-JSON value inside `value`, or null when it is plain JSON. */
export function jsonValueError(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value} (not representable in JSON)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const e = jsonValueError(value[i], `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return `${path} is a ${(value as object).constructor?.name ?? 'non-plain object'} (only plain JSON objects, arrays, strings, numbers, booleans and null)`;
    }
    for (const [k, v] of Object.entries(value)) {
      const e = jsonValueError(v, `${path}.${k}`);
      if (e) return e;
    }
    return null;
  }
  return `${path} is a ${typeof value} (not representable in JSON)`;
}

/**
 * Tensor table checks (format.ts): unique names, length = size * bytes per element, offsets
 * aligned, ranges inside the data section and not overlapping.
 */
export function checkTensorTable(tensors: readonly TensorEntry[], dataLength: number, file: string): void {
  const fail = (i: number, key: string, detail: string): never => {
    throw new ModelFileError('tensor-table', file, `header.tensors[${i}]${key ? `.${key}` : ''}`, detail);
  };
  const seen = new Map<string, number>();
  tensors.forEach((t, i) => {
    const first = seen.get(t.name);
    if (first !== undefined) fail(i, 'name', `duplicate tensor name ${show(t.name)} (also tensors[${first}])`);
    seen.set(t.name, i);
    const expected = shapeSize(t.shape) * bytesPerElement(t.dtype);
    if (t.length !== expected) {
      fail(i, 'length', `tensor ${show(t.name)} has length ${t.length} bytes but shape [${t.shape.join(', ')}] of ${t.dtype} needs ${expected}`);
    }
    if (t.offset % ALIGNMENT !== 0) fail(i, 'offset', `tensor ${show(t.name)} offset ${t.offset} is not a multiple of ${ALIGNMENT}`);
    if (t.offset + t.length > dataLength) {
      fail(i, 'offset', `tensor ${show(t.name)} occupies bytes [${t.offset}, ${t.offset + t.length}) but the data section has ${dataLength} bytes`);
    }
  });
  const order = tensors.map((t, i) => ({ t, i })).filter(({ t }) => t.length > 0).sort((a, b) => a.t.offset - b.t.offset);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (cur.t.offset < prev.t.offset + prev.t.length) {
      fail(cur.i, 'offset', `tensor ${show(cur.t.name)} at bytes [${cur.t.offset}, ${cur.t.offset + cur.t.length}) overlaps tensors[${prev.i}] ${show(prev.t.name)} at [${prev.t.offset}, ${prev.t.offset + prev.t.length})`);
    }
  }
}

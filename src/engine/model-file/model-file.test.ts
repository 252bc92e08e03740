import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, crcHex } from '../checksum';
import { decodeModelFile, type DecodeModelOptions } from './decode';
import { assembleModelFile, encodeModelFile, type ModelFileInput } from './encode';
import { ModelFileError, type ModelFileErrorCode } from './errors';
import { float16BitsToFloat32, float32ToFloat16Bits } from './float16';
import { MAGIC, PREAMBLE_BYTES, align8 } from './format';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function sampleInput(overrides: Partial<ModelFileInput> = {}): ModelFileInput {
  const rnd = seeded(7);
  const t = (name: string, shape: number[], scale = 1) => ({
    name, shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rnd() * 2 - 1) * scale),
  });
  return {
    method: 'dfm',
    config: { imageSize: 64, encoder: { channels: [32, 64] }, guidance: 1, render: { background: [1, 1, 1] } },
    provenance: {
      dataset: 'procedural-toys v1 (test)', seed: 3, steps: 1200, wallTimeSeconds: 3600.5,
      hardware: '2-core x86_64, tfjs wasm', engineVersion: '0.1.0', createdAt: '2025-01-01T00:00:00Z', note: 'extra key',
    },
    tensors: [t('enc.conv0.w', [3, 3, 3, 8]), t('enc.conv0.b', [8]), t('det.mlp.w', [5, 7], 10), t('scalar', []), t('empty', [0, 4])],
    ...overrides,
  };
}

/** Split a valid file into its header JSON and data section. */
function splitFile(bytes: Uint8Array): { header: any; data: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const h = view.getUint32(12, true);
  const d = view.getUint32(16, true);
  const start = align8(PREAMBLE_BYTES + h);
  return {
    header: JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + h))),
    data: bytes.slice(start, start + d),
  };
}

function expectError(fn: () => unknown, code: ModelFileErrorCode, ...parts: (string | RegExp)[]): ModelFileError {
  let caught: unknown;
  try { fn(); } catch (err) { caught = err; }
  expect(caught, `expected a ${code} error`).toBeInstanceOf(ModelFileError);
  const e = caught as ModelFileError;
  expect(e.code, e.message).toBe(code);
  for (const p of parts) expect(e.message).toMatch(p);
  return e;
}

describe('crc32', () => {
  it('matches the standard check value and zlib on random data, also incrementally', () => {
    expect(crcHex(crc32(new TextEncoder().encode('123456789')))).toBe('cbf43926');
    expect(crc32(new Uint8Array(0))).toBe(0);
    const rnd = seeded(1);
    for (const n of [1, 7, 8, 9, 63, 1000, 4099]) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
      expect(crc32(b)).toBe(zlibCrc32(b));
      const k = Math.floor(n / 3);
      expect(crc32(b, crc32(b.subarray(0, k)), k)).toBe(zlibCrc32(b));
    }
  });
});

describe('float16', () => {
  it('round-trips every finite binary16 value exactly and rounds midpoints to even', () => {
    const failures: string[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const x = float16BitsToFloat32(h);
      if (Number.isNaN(x)) {
        if (!Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(x)))) failures.push(`NaN ${h}`);
        continue;
      }
      if (float32ToFloat16Bits(x) !== h) failures.push(`round trip ${h}`);
      // Midpoint to the next value of the same sign (finite, below the max): ties go to the even pattern.
      if ((h & 0x7fff) < 0x7bff) {
        const mid = (x + float16BitsToFloat32(h + 1)) / 2;
        const even = (h & 1) === 0 ? h : h + 1;
        if (Math.fround(mid) === mid && float32ToFloat16Bits(mid) !== even) failures.push(`midpoint ${h}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // rounds past the max to +Inf
    expect(float32ToFloat16Bits(2 ** -26)).toBe(0); // below half the smallest subnormal
    expect(float32ToFloat16Bits(-(2 ** -24))).toBe(0x8001);
  });
});

describe('model file round trip', () => {
  it('restores method, config, provenance and bit-exact float32 tensors', () => {
    const input = sampleInput();
    const bytes = encodeModelFile(input);
    expect([...bytes.subarray(0, 8)]).toEqual([...MAGIC]);
    expect(bytes.length % 8).toBe(0);
    const m = decodeModelFile(bytes, { method: 'dfm', source: 'models/test.plxm' });
    expect(m.method).toBe('dfm');
    expect(m.formatVersion).toBe(1);
    expect(m.config).toEqual(input.config);
    expect(m.provenance).toEqual(input.provenance);
    expect([...m.tensors.keys()]).toEqual(input.tensors.map((t) => t.name));
    for (const t of input.tensors) {
      const d = m.tensors.get(t.name)!;
      expect(d.shape).toEqual(t.shape);
      expect(d.storedAs).toBe('float32');
      expect(d.data).toEqual(t.data);
    }
    expect(m.checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(m.byteLength).toBe(bytes.length);
    const { header } = splitFile(bytes);
    for (const e of header.tensors) expect(e.offset % 8).toBe(0);
    // Deterministic: same input, same bytes, same content hash.
    expect(encodeModelFile(input)).toEqual(bytes);
  });

  it('float16 storage about halves the file and stays within the float16 error bound', () => {
    const rnd = seeded(11);
    const n = 20000;
    const data = Float32Array.from({ length: n }, (_, i) => (rnd() * 2 - 1) * 10 ** (4 - (i % 12))); // 1e4 .. 1e-7
    const base = sampleInput({ tensors: [{ name: 'w', shape: [n], data }, { name: 'keep', shape: [3], data: Float32Array.of(1e-9, 1e5, 3), storage: 'float32' }] });
    const f32 = encodeModelFile(base);
    const f16 = encodeModelFile({ ...base, storage: 'float16' });
    expect(f16.length / f32.length).toBeLessThan(0.52);
    const m = decodeModelFile(f16);
    const w = m.tensors.get('w')!;
    expect(w.storedAs).toBe('float16');
    let worstRel = 0;
    for (let i = 0; i < n; i++) {
      const x = data[i];
      const err = Math.abs(w.data[i] - x);
      expect(err).toBeLessThanOrEqual(Math.max(Math.abs(x) * 2 ** -11, 2 ** -25));
      if (Math.abs(x) >= 2 ** -14) worstRel = Math.max(worstRel, err / Math.abs(x));
    }
    expect(worstRel).toBeGreaterThan(2 ** -13); // the bound is nearly attained: rounding really happened
    expect(m.tensors.get('keep')!.storedAs).toBe('float32');
    expect(m.tensors.get('keep')!.data).toEqual(Float32Array.of(1e-9, 1e5, 3));
  });
});

describe('model file errors', () => {
  const good = encodeModelFile(sampleInput());
  const opts: DecodeModelOptions = { source: 'models/abc/model.plxm' };

  it('wrong magic: not a model file, with a hint for known types', () => {
    expectError(() => decodeModelFile(new TextEncoder().encode('{"method":"dfm"}'), opts), 'not-a-model-file', 'models/abc/model.plxm', /JSON/);
    const glb = new Uint8Array(64); glb.set(new TextEncoder().encode('glTF'));
    expectError(() => decodeModelFile(glb, opts), 'not-a-model-file', /GLB/);
    const flipped = good.slice(); flipped[1] = 0x51;
    expectError(() => decodeModelFile(flipped), 'not-a-model-file', 'model file [magic]');
  });

  it('unsupported version', () => {
    const b = good.slice(); new DataView(b.buffer).setUint32(8, 7, true);
    expectError(() => decodeModelFile(b, opts), 'unsupported-version', /version 7/, /newer/);
    const z = good.slice(); new DataView(z.buffer).setUint32(8, 0, true);
    expectError(() => decodeModelFile(z, opts), 'unsupported-version', /version 0/);
  });

  it('truncated files name expected and actual length', () => {
    const cut = good.subarray(0, good.length - 100);
    expectError(() => decodeModelFile(cut, opts), 'truncated', `expected ${good.length} bytes`, `got ${good.length - 100}`);
    expectError(() => decodeModelFile(good.subarray(0, 20), opts), 'truncated', /got 20/);
    expectError(() => decodeModelFile(good.subarray(0, 5), opts), 'truncated', /got 5/);
    expectError(() => decodeModelFile(new Uint8Array(0), opts), 'truncated', /empty/);
    const longer = new Uint8Array(good.length + 3); longer.set(good);
    expectError(() => decodeModelFile(longer, opts), 'trailing-data', /3 unexpected bytes/);
  });

  it('corruption anywhere is a checksum mismatch', () => {
    const { data } = splitFile(good);
    const dataStart = good.length - 8 - data.length;
    for (const at of [PREAMBLE_BYTES + 5, dataStart + 17, good.length - 9]) {
      const b = good.slice(); b[at] ^= 0x04;
      expectError(() => decodeModelFile(b, opts), 'corrupt', /checksum/, '[checksum]');
    }
    const stored = good.slice(); stored[good.length - 7] ^= 1; // the stored checksum itself
    expectError(() => decodeModelFile(stored, opts), 'corrupt', '[checksum]');
    const pre = good.slice(); pre[17] ^= 0x10; // dataLength in the preamble
    expectError(() => decodeModelFile(pre, opts), 'corrupt', '[preambleCrc]');
  });

  it('malformed header JSON or schema (with a valid checksum)', () => {
    const { header, data } = splitFile(good);
    expectError(() => decodeModelFile(assembleModelFile('{"method": "dfm", ', data), opts), 'header-malformed', /not valid UTF-8 JSON/);
    const bad = (h: unknown) => decodeModelFile(assembleModelFile(JSON.stringify(h), data), opts);
    expectError(() => bad({ ...header, method: 'nerf' }), 'header-malformed', '[header.method]', /"nerf"/);
    expectError(() => bad({ ...header, provenance: { ...header.provenance, seed: 1.5 } }), 'header-malformed', '[header.provenance.seed]', /1\.5/);
    expectError(() => bad({ ...header, tensors: [{ ...header.tensors[0], dtype: 'int8' }] }), 'header-malformed', '[header.tensors.0.dtype]');
    expectError(() => bad({ ...header, extra: 1 }), 'header-malformed', /extra/);
    expectError(() => bad([1, 2]), 'header-malformed');
  });

  it('inconsistent tensor tables', () => {
    const { header, data } = splitFile(good);
    const withTensors = (f: (t: any[]) => any[]) =>
      () => decodeModelFile(assembleModelFile(JSON.stringify({ ...header, tensors: f(structuredClone(header.tensors)) }), data), opts);
    expectError(withTensors((t) => { t[1].offset = t[0].offset; return t; }), 'tensor-table', /overlaps/, '"enc.conv0.w"');
    expectError(withTensors((t) => { t[2].offset = data.length; return t; }), 'tensor-table', /data section has/, 'tensors[2].offset');
    expectError(withTensors((t) => { t[0].shape = [3, 3, 3, 9]; return t; }), 'tensor-table', /needs 972/, 'tensors[0].length');
    expectError(withTensors((t) => { t[1].offset += 4; return t; }), 'tensor-table', /multiple of 8/);
    expectError(withTensors((t) => { t[1].name = t[0].name; return t; }), 'tensor-table', /duplicate/);
  });

  it('mismatched method or config', () => {
    const pn = encodeModelFile(sampleInput({ method: 'pixelnerf' }));
    expectError(() => decodeModelFile(pn, { ...opts, method: 'dfm' }), 'method-mismatch', /pixelnerf model, expected a dfm model/);
    expect(decodeModelFile(pn, { method: 'pixelnerf' }).method).toBe('pixelnerf');
    const configCheck = (c: Record<string, unknown>) => (c.imageSize === 32 ? null : `imageSize is ${String(c.imageSize)}, this model runs at 32`);
    expectError(() => decodeModelFile(good, { ...opts, configCheck }), 'config-mismatch', /imageSize is 64/);
  });

  it('the encoder refuses bad input, naming the field and value', () => {
    const base = sampleInput();
    const nan = { ...base, tensors: [{ name: 'w', shape: [2], data: Float32Array.of(1, NaN) }] };
    expectError(() => encodeModelFile(nan), 'invalid-input', 'tensors[0].data[1]', /non-finite/);
    const big = { ...base, storage: 'float16' as const, tensors: [{ name: 'w', shape: [1], data: Float32Array.of(1e5) }] };
    expectError(() => encodeModelFile(big), 'invalid-input', /float16 range/);
    const wrong = { ...base, tensors: [{ name: 'w', shape: [2, 2], data: new Float32Array(3) }] };
    expectError(() => encodeModelFile(wrong), 'invalid-input', /3 values but shape \[2, 2\] needs 4/);
    const dup = { ...base, tensors: [base.tensors[0], base.tensors[0]] };
    expectError(() => encodeModelFile(dup), 'invalid-input', /duplicate/);
    expectError(() => encodeModelFile({ ...base, config: { k: new Float32Array(2) } }), 'invalid-input', 'config.k', /Float32Array/);
    expectError(() => encodeModelFile({ ...base, config: { a: [1, Infinity] } }), 'invalid-input', /config\.a\[1\] is Infinity/);
    expectError(() => encodeModelFile({ ...base, provenance: { ...base.provenance, steps: -1 } }), 'invalid-input', 'provenance.steps');
    expectError(() => encodeModelFile({ ...base, method: 'gan' as never }), 'invalid-input', '[method]');
  });
});

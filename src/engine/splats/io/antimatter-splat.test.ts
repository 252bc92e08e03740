import { describe, expect, it } from 'vitest';
import { SH_C0, allocateSplatScene } from '../types';
import { SPLAT_RECORD_BYTES, decodeSplatBinary, encodeSplatBinary } from './antimatter-splat';
import { randomSplatScene } from './random-scene';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('.splat (antimatter15)', () => {
  it('lays out one hand-computed Gaussian byte for byte', () => {
    const s = allocateSplatScene(1, 0);
    s.positions.set([1, -2, 0.5]);
    s.logScales.set([0, Math.log(0.5), Math.log(4)]);
    s.shDc.set([0, 1, -1]);
    s.opacityLogits[0] = 0; // alpha 0.5
    s.rotations.set([2, 2, 0, 0]); // unnormalised: (w, x) = (1, 1) / sqrt 2
    const b = encodeSplatBinary(s);
    expect(b.length).toBe(32);
    const v = new DataView(b.buffer);
    expect([0, 4, 8].map((o) => v.getFloat32(o, true))).toEqual([1, -2, 0.5]);
    expect([12, 16, 20].map((o) => v.getFloat32(o, true))).toEqual([1, 0.5, 4]);
    // r = 0.5 * 255 = 127.5 -> 128; g = (SH_C0 + 0.5) * 255 = 199.43 -> 199; b = (0.5 - SH_C0) * 255 = 55.57 -> 56; a = 127.5 -> 128
    expect(Array.from(b.subarray(24, 28))).toEqual([128, 199, 56, 128]);
    // w = x = 0.70711 -> 0.70711 * 128 + 128 = 218.51 -> 219; y = z = 0 -> 128
    expect(Array.from(b.subarray(28, 32))).toEqual([219, 219, 128, 128]);
  });

  it('sorts records by descending size * opacity (positions are exact, so they identify records)', () => {
    const s = randomSplatScene(200, 0, { seed: 11 });
    const back = decodeSplatBinary(encodeSplatBinary(s));
    const key = (i: number) => Math.exp(s.logScales[3 * i] + s.logScales[3 * i + 1] + s.logScales[3 * i + 2]) * sigmoid(s.opacityLogits[i]);
    const byX = new Map(Array.from({ length: 200 }, (_, i) => [s.positions[3 * i], i]));
    let prev = Infinity;
    for (let r = 0; r < back.count; r++) {
      const i = byX.get(back.positions[3 * r])!;
      expect(back.positions[3 * r + 1]).toBe(s.positions[3 * i + 1]);
      expect(key(i)).toBeLessThanOrEqual(prev);
      prev = key(i);
    }
    expect(prev).toBeLessThan(key(Array.from({ length: 200 }, (_, i) => i).reduce((a, b) => (key(a) > key(b) ? a : b))));
  });

  for (const degree of [0, 3] as const) {
    it(`round-trips degree ${degree} within the format's 8-bit quantisation (unsorted)`, () => {
      const s = randomSplatScene(500, degree, { seed: 5 });
      const bytes = encodeSplatBinary(s, { sort: false });
      expect(bytes.length).toBe(500 * SPLAT_RECORD_BYTES);
      const back = decodeSplatBinary(bytes);
      expect(back.shDegree).toBe(0);
      expect(back.positions).toEqual(s.positions);
      for (let i = 0; i < 1500; i++) {
        expect(Math.abs(back.logScales[i] - s.logScales[i])).toBeLessThan(1e-6);
        const c0 = Math.min(1, Math.max(0, SH_C0 * s.shDc[i] + 0.5)), c1 = SH_C0 * back.shDc[i] + 0.5;
        expect(Math.abs(c1 - c0)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
      }
      for (let i = 0; i < 500; i++) {
        expect(Math.abs(sigmoid(back.opacityLogits[i]) - sigmoid(s.opacityLogits[i]))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
        const q = s.rotations.subarray(4 * i, 4 * i + 4), r = back.rotations.subarray(4 * i, 4 * i + 4);
        const nq = Math.hypot(...q), nr = Math.hypot(...r);
        const dot = Math.abs(q[0] * r[0] + q[1] * r[1] + q[2] * r[2] + q[3] * r[3]) / (nq * nr);
        expect(dot).toBeGreaterThan(0.9995); // 8 bits per component
      }
    });
  }

  it('rejects a length that is not whole records and non-positive scales', () => {
    expect(() => decodeSplatBinary(new Uint8Array(33), 'x.splat')).toThrow(/x\.splat: length 33 is not a multiple of the 32-byte/);
    const b = new Uint8Array(32);
    expect(() => decodeSplatBinary(b, 'x.splat')).toThrow(/record 0 field "scale_0" is 0/);
  });
});

import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SH_C0 } from '../types';
import { randomSplatScene } from './random-scene';
import { SPZ_MAGIC, decodeSpz, encodeSpz, readSpzHeader } from './spz';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const quatDot = (q: ArrayLike<number>, r: ArrayLike<number>) => {
  const nq = Math.hypot(q[0], q[1], q[2], q[3]), nr = Math.hypot(r[0], r[1], r[2], r[3]);
  return Math.abs(q[0] * r[0] + q[1] * r[1] + q[2] * r[2] + q[3] * r[3]) / (nq * nr);
};

describe('.spz (Niantic)', () => {
  it('writes a gzip stream whose header has magic NGSP, version, count, degree and fraction bits', () => {
    const s = randomSplatScene(123, 3, { seed: 2 });
    const bytes = encodeSpz(s);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip magic
    const raw = gunzipSync(bytes);
    const h = readSpzHeader(raw);
    expect(h).toEqual({ magic: SPZ_MAGIC, version: 3, numPoints: 123, shDegree: 3, fractionalBits: 12, flags: 0 });
    expect(new TextDecoder().decode(raw.subarray(0, 4))).toBe('NGSP');
    expect(raw.length).toBe(16 + 123 * (9 + 1 + 3 + 3 + 4 + 45));
    expect(readSpzHeader(gunzipSync(encodeSpz(s, { version: 2 }))).version).toBe(2);
    expect(gunzipSync(encodeSpz(s, { version: 2 })).length).toBe(16 + 123 * (9 + 1 + 3 + 3 + 3 + 45));
  });

  for (const degree of [0, 3] as const) {
    for (const version of [2, 3] as const) {
      it(`round-trips degree ${degree}, version ${version} within spz quantisation`, () => {
        const s = randomSplatScene(400, degree, { seed: 9 });
        const back = decodeSpz(encodeSpz(s, { version }));
        expect(back.count).toBe(400);
        expect(back.shDegree).toBe(degree);
        for (let i = 0; i < 1200; i++) {
          expect(Math.abs(back.positions[i] - s.positions[i])).toBeLessThanOrEqual(0.5 / 4096 + 1e-6);
          expect(Math.abs(back.logScales[i] - s.logScales[i])).toBeLessThanOrEqual(0.5 / 16 + 1e-6);
          expect(Math.abs(back.shDc[i] - s.shDc[i])).toBeLessThanOrEqual(0.5 / (0.15 * 255) + 1e-5);
        }
        for (let i = 0; i < 400; i++) {
          expect(Math.abs(sigmoid(back.opacityLogits[i]) - sigmoid(s.opacityLogits[i]))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
          expect(quatDot(back.rotations.subarray(4 * i), s.rotations.subarray(4 * i))).toBeGreaterThan(version === 3 ? 0.99998 : 0.998) // v2 derives w from 8-bit x, y, z;
        }
        const dim = (degree + 1) ** 2 - 1;
        for (let i = 0; i < s.shRest.length; i++) {
          const c = i % dim; // shRest is [gaussian][channel][coefficient]
          const tol = (c < 3 ? 4 : 8) / 128 + 0.5 / 128 + 1e-6; // half a bucket of 8 (degree 1) or 16
          expect(Math.abs(back.shRest[i] - s.shRest[i])).toBeLessThanOrEqual(tol);
        }
        expect(SH_C0).toBeGreaterThan(0.15); // colours use 0.15, not SH_C0
      });
    }
  }

  it('lowers the fraction bits when positions exceed the 24-bit range at 12 bits', () => {
    const s = randomSplatScene(10, 0, { extent: 5000 });
    const raw = gunzipSync(encodeSpz(s));
    expect(readSpzHeader(raw).fractionalBits).toBeLessThan(12);
    const back = decodeSpz(encodeSpz(s));
    for (let i = 0; i < 30; i++) expect(Math.abs(back.positions[i] - s.positions[i])).toBeLessThanOrEqual(2 ** -(readSpzHeader(raw).fractionalBits + 1) + 1e-3);
  });

  it('rejects bad magic, versions and truncation with the field name', () => {
    const s = randomSplatScene(10, 1);
    const raw = gunzipSync(encodeSpz(s));
    const bad = raw.slice(); bad[0] = 0;
    expect(() => decodeSpz(gzipSync(bad), 'b.spz')).toThrow(/b\.spz: field "magic"/);
    const v4 = raw.slice(); v4[4] = 4;
    expect(() => decodeSpz(gzipSync(v4), 'b.spz')).toThrow(/field "version" is 4/);
    expect(() => decodeSpz(gzipSync(raw.subarray(0, 100)), 'b.spz')).toThrow(/truncated/);
    expect(() => decodeSpz(new Uint8Array([1, 2, 3]), 'b.spz')).toThrow(/not a gzip stream/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeSplatPly, encodeSplatPly, splatPlyPropertyNames } from './ply';
import { randomSplatScene } from './random-scene';

function header(bytes: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return text.slice(0, text.indexOf('end_header')).split('\n');
}

describe('3DGS .ply', () => {
  it('writes the reference property names in the reference order (degree 3: 62 floats)', () => {
    const s = randomSplatScene(5, 3);
    const props = header(encodeSplatPly(s)).filter((l) => l.startsWith('property')).map((l) => l.split(' '));
    expect(props.every((p) => p[1] === 'float')).toBe(true);
    const names = props.map((p) => p[2]);
    expect(names.length).toBe(62);
    expect(names.slice(0, 9)).toEqual(['x', 'y', 'z', 'nx', 'ny', 'nz', 'f_dc_0', 'f_dc_1', 'f_dc_2']);
    expect(names.slice(9, 54)).toEqual(Array.from({ length: 45 }, (_, i) => `f_rest_${i}`));
    expect(names.slice(54)).toEqual(['opacity', 'scale_0', 'scale_1', 'scale_2', 'rot_0', 'rot_1', 'rot_2', 'rot_3']);
    expect(splatPlyPropertyNames(0)).toEqual(['x', 'y', 'z', 'nx', 'ny', 'nz', 'f_dc_0', 'f_dc_1', 'f_dc_2', 'opacity', 'scale_0', 'scale_1', 'scale_2', 'rot_0', 'rot_1', 'rot_2', 'rot_3']);
    expect(header(encodeSplatPly(s))).toContain('format binary_little_endian 1.0');
  });

  for (const degree of [0, 1, 2, 3] as const) {
    it(`round-trips a random scene of SH degree ${degree} bit-exactly, with background and crop box`, () => {
      const s = randomSplatScene(300, degree, { seed: 7 + degree, background: [0.25, 0.5, 1] });
      s.cropBox = { min: [-1, -0.5, -0.25], max: [1, 0.5, 0.25] };
      const bytes = encodeSplatPly(s);
      expect(bytes.length).toBe(header(bytes).join('\n').length + 'end_header\n'.length + 4 * 300 * (17 + 3 * ((degree + 1) ** 2 - 1)));
      const back = decodeSplatPly(bytes);
      expect(back.shDegree).toBe(degree);
      expect(back.count).toBe(300);
      for (const k of ['positions', 'logScales', 'rotations', 'opacityLogits', 'shDc', 'shRest'] as const) expect(back[k]).toEqual(s[k]);
      expect(back.background).toEqual([0.25, 0.5, 1]);
      expect(back.cropBox).toEqual(s.cropBox);
    });
  }

  it('puts each value at the byte offset the reference layout gives it', () => {
    const s = randomSplatScene(2, 1, { seed: 3 });
    const bytes = encodeSplatPly(s);
    const start = bytes.length - 2 * 4 * 26;
    const v = new DataView(bytes.buffer, bytes.byteOffset + start);
    const f = (i: number, k: number) => v.getFloat32(4 * (26 * i + k), true);
    expect(f(1, 0)).toBe(s.positions[3]);
    expect([f(1, 3), f(1, 4), f(1, 5)]).toEqual([0, 0, 0]);
    expect(f(1, 6)).toBe(s.shDc[3]);
    expect(f(1, 9)).toBe(s.shRest[9]); // f_rest_0 = red channel, first coefficient
    expect(f(1, 12)).toBe(s.shRest[12]); // f_rest_3 = green channel, first coefficient
    expect(f(1, 18)).toBe(s.opacityLogits[1]);
    expect(f(1, 19)).toBe(s.logScales[3]);
    expect(f(1, 22)).toBe(s.rotations[4]); // rot_0 = w
  });

  it('fails with the property name on missing, non-finite or malformed input', () => {
    const s = randomSplatScene(3, 0);
    const good = encodeSplatPly(s);
    const text = new TextDecoder('latin1').decode(good);
    const enc = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0));
    expect(() => decodeSplatPly(enc(text.replace('property float opacity\n', 'property float opacitx\n')), 'a.ply')).toThrow(/a\.ply: property "opacity" is missing/);
    expect(() => decodeSplatPly(enc(text.replace('format binary_little_endian', 'format ascii')), 'a.ply')).toThrow(/binary_little_endian/);
    expect(() => decodeSplatPly(good.subarray(0, good.length - 10), 'a.ply')).toThrow(/truncated/);
    expect(() => decodeSplatPly(new Uint8Array([1, 2, 3]), 'a.ply')).toThrow(/not a PLY/);
    s.logScales[4] = NaN;
    expect(() => decodeSplatPly(encodeSplatPly(s), 'a.ply')).toThrow(/property "scale_1" of vertex 1 is NaN/);
    expect(() => encodeSplatPly({ ...s, shRest: new Float32Array(2) })).toThrow(/field "shRest" has length 2, expected 0/);
  });
});

import { describe, expect, it } from 'vitest';
import { encodeSplatBinary, encodeSplatGlb, encodeSplatPly, encodeSpz, randomSplatScene } from '../../engine/splats/io';
import { readWithSplatTransform } from './splat-transform-read';
import { verifySplatFile } from './verify-splat-file';

describe('verifySplatFile: own re-read and splat-transform cross-read', () => {
  for (const degree of [0, 3] as const) {
    const s = randomSplatScene(400, degree, { seed: 21 + degree });
    it(`degree ${degree}: .ply, .spz, .splat and .glb pass both reads`, async () => {
      for (const [format, bytes] of [['ply', encodeSplatPly(s)], ['spz', encodeSpz(s)], ['splat', encodeSplatBinary(s)], ['glb', await encodeSplatGlb(s)]] as const) {
        const check = await verifySplatFile(bytes, format, s, `scene.${format}`);
        expect(check.count).toBe(400);
        expect(check.independent.count).toBe(400);
        expect(check.summary).toMatch(/splat-transform/);
      }
    }, 60_000);
  }

  it('splat-transform reads our .ply bit-exactly (property order and meaning agree)', async () => {
    const s = randomSplatScene(50, 3, { seed: 2 });
    const back = await readWithSplatTransform(encodeSplatPly(s), 'ply', 'x.ply');
    expect(back.positions).toEqual(s.positions);
    expect(back.shRest).toEqual(s.shRest);
    expect(back.opacityLogits).toEqual(s.opacityLogits);
  });

  it('fails, naming the file and quantity, when the file does not hold the scene', async () => {
    const s = randomSplatScene(100, 1, { seed: 3 });
    const other = randomSplatScene(100, 1, { seed: 4 });
    await expect(verifySplatFile(encodeSplatPly(other), 'ply', s, 'bad.ply')).rejects.toThrow(/bad\.ply \(re-read\): position of Gaussian 0 differs/);
    await expect(verifySplatFile(encodeSpz(s).subarray(0, 50), 'spz', s, 'cut.spz')).rejects.toThrow(/cut\.spz/);
    const fewer = { ...s, count: 99, positions: s.positions.subarray(0, 297), logScales: s.logScales.subarray(0, 297), rotations: s.rotations.subarray(0, 396), opacityLogits: s.opacityLogits.subarray(0, 99), shDc: s.shDc.subarray(0, 297), shRest: s.shRest.subarray(0, 99 * 9) };
    await expect(verifySplatFile(encodeSplatBinary(fewer), 'splat', s, 'short.splat')).rejects.toThrow(/99 Gaussians read, 100 written/);
  });
});

describe('turnAboutZ', () => {
  it('is its own inverse up to quaternion sign and maps positions and degree-1 SH as a 180-degree turn', async () => {
    const { turnAboutZ } = await import('./verify-splat-file');
    const s = randomSplatScene(5, 3, { seed: 8 });
    const t = turnAboutZ(s), tt = turnAboutZ(t);
    expect(tt.positions).toEqual(s.positions);
    expect(tt.shRest).toEqual(s.shRest);
    for (let i = 0; i < 20; i++) expect(tt.rotations[i]).toBeCloseTo(-s.rotations[i], 6);
    expect([t.positions[0], t.positions[1], t.positions[2]]).toEqual([-s.positions[0], -s.positions[1], s.positions[2]]);
    // degree 1 (red channel): y-like coefficient flips, z-like stays, x-like flips
    expect([t.shRest[0], t.shRest[1], t.shRest[2]]).toEqual([-s.shRest[0], s.shRest[1], -s.shRest[2]]);
  });
});

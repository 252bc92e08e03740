import { WebIO } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { validateSplatGlb } from '../../../main/splats/validate-splat-glb';
import { KHR_GAUSSIAN_SPLATTING, decodeSplatGlb, encodeSplatGlb, shAttributeName } from './glb';
import { randomSplatScene } from './random-scene';

describe('GLB with KHR_gaussian_splatting', () => {
  it('names SH attributes by degree and order', () => {
    expect([0, 2, 3, 7, 8, 14].map(shAttributeName)).toEqual([
      'KHR_gaussian_splatting:SH_DEGREE_1_COEF_0', 'KHR_gaussian_splatting:SH_DEGREE_1_COEF_2',
      'KHR_gaussian_splatting:SH_DEGREE_2_COEF_0', 'KHR_gaussian_splatting:SH_DEGREE_2_COEF_4',
      'KHR_gaussian_splatting:SH_DEGREE_3_COEF_0', 'KHR_gaussian_splatting:SH_DEGREE_3_COEF_6',
    ]);
  });

  for (const degree of [0, 3] as const) {
    it(`degree ${degree}: Khronos validator reports no errors beyond the unknown KHR semantics, the JSON has the extension and attributes, values round-trip`, async () => {
      const s = randomSplatScene(250, degree, { seed: 4, background: [1, 1, 1] });
      s.cropBox = { min: [-1, -1, -1], max: [1, 1, 1] };
      const glb = await encodeSplatGlb(s, { source: 'test' });
      // The validator does not know the extension's attribute semantics (see validate-splat-glb.ts):
      // exactly one such error per KHR attribute, nothing else.
      const report = await validateSplatGlb(glb);
      expect(report.errors, report.messages.join('\n')).toBe(0);
      expect(report.extensionAttributes).toBe(3 + (degree + 1) ** 2);
      const json = (await new WebIO().binaryToJSON(glb)).json;
      expect(json.extensionsUsed).toContain(KHR_GAUSSIAN_SPLATTING);
      const prim = json.meshes![0].primitives[0];
      expect(prim.mode).toBe(0);
      expect(prim.extensions![KHR_GAUSSIAN_SPLATTING]).toMatchObject({ kernel: 'ellipse', colorSpace: 'srgb_rec709_display' });
      const names = Object.keys(prim.attributes);
      expect(names).toEqual(expect.arrayContaining(['POSITION', 'COLOR_0', 'KHR_gaussian_splatting:ROTATION', 'KHR_gaussian_splatting:SCALE', 'KHR_gaussian_splatting:OPACITY', 'KHR_gaussian_splatting:SH_DEGREE_0_COEF_0']));
      expect(names.filter((n) => n.includes('SH_DEGREE_')).length).toBe((degree + 1) ** 2);
      const back = await decodeSplatGlb(glb);
      expect(back.count).toBe(250);
      expect(back.shDegree).toBe(degree);
      expect(back.positions).toEqual(s.positions);
      expect(back.shDc).toEqual(s.shDc);
      expect(back.shRest).toEqual(s.shRest);
      expect(back.background).toEqual([1, 1, 1]);
      expect(back.cropBox).toEqual(s.cropBox);
      for (let i = 0; i < 750; i++) expect(back.logScales[i]).toBeCloseTo(s.logScales[i], 5);
      for (let i = 0; i < 250; i++) {
        expect(back.opacityLogits[i]).toBeCloseTo(s.opacityLogits[i], 4);
        const q = s.rotations.subarray(4 * i, 4 * i + 4), n = Math.hypot(...q);
        for (let k = 0; k < 4; k++) expect(back.rotations[4 * i + k]).toBeCloseTo(q[k] / n, 6);
      }
    });
  }

  it('decode names what is missing', async () => {
    await expect(decodeSplatGlb(new Uint8Array([1, 2, 3]), 'z.glb')).rejects.toThrow();
    const { meshToGlb } = await import('../../export/glb');
    const { analyticGrid, extractMesh } = await import('../../mesh');
    const plain = await meshToGlb(extractMesh(analyticGrid([{ kind: 'sphere', center: [0, 0, 0], radius: 0.5, color: [1, 0, 0] }], { resolution: 8 })));
    await expect(decodeSplatGlb(plain, 'z.glb')).rejects.toThrow(/z\.glb: no mesh primitive carries the "KHR_gaussian_splatting" extension/);
  });
});

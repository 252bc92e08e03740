import { describe, expect, it } from 'vitest';
import { Data3DTexture, ShaderMaterial } from 'three';
import { decodeVolume, encodeVolume } from '../../shared/volume-file';
import { VOLUME_FRAGMENT_SHADER, VOLUME_MAX_STEPS, stepsForResolution, volumeUniformValues } from './volume-shader';
import { createVolumeMaterial, createVolumeTexture, occupiedBounds, premultiplyVoxels } from './volume-texture';

/** A 4x4x4 volume in [-1, 1]^3 with one dense red voxel at (1, 2, 3). */
function oneVoxel() {
  const n = 4 ** 3;
  const density = new Float32Array(n);
  const rgb = new Float32Array(3 * n).fill(0.5);
  const i = 1 + 4 * (2 + 4 * 3);
  density[i] = 50;
  rgb.set([1, 0, 0], 3 * i);
  return decodeVolume(encodeVolume({ resolution: [4, 4, 4], aabb: { min: [-1, -1, -1], max: [1, 1, 1] }, density, rgb }, 50));
}

describe('volume uniforms', () => {
  it('scales alpha to sigma and splits the diagonal into steps', () => {
    const u = volumeUniformValues({ resolution: [64, 64, 64], aabb: { min: [0, 0, 0], max: [1, 2, 2] }, maxDensity: 120 }, { steps: 100, densityScale: 0.5 });
    expect(u.sigmaScale).toBe(60);
    expect(u.steps).toBe(100);
    expect(u.stepLength).toBeCloseTo(3 / 100, 12);
    expect(u.boxMin).toEqual([0, 0, 0]);
    expect(u.boxMax).toEqual([1, 2, 2]);
  });
  it('picks about one step per voxel of the longest side, within bounds', () => {
    expect(stepsForResolution([128, 74, 128])).toBe(128);
    expect(stepsForResolution([16, 16, 16])).toBe(48);
    expect(stepsForResolution([256, 10, 10])).toBe(192);
    expect(volumeUniformValues({ resolution: [8, 8, 8], aabb: { min: [0, 0, 0], max: [1, 1, 1] }, maxDensity: 1 }, { steps: 10_000 }).steps).toBe(VOLUME_MAX_STEPS);
  });
  it('compiles the loop bound into the shader', () => {
    expect(VOLUME_FRAGMENT_SHADER).toContain(`#define MAX_STEPS ${VOLUME_MAX_STEPS}`);
    expect(VOLUME_FRAGMENT_SHADER).toMatch(/1\.0 - exp\(-s\.a \* uSigmaScale \* dt\)/);
  });
});

describe('volume texture', () => {
  it('premultiplies colour by alpha', () => {
    expect([...premultiplyVoxels(new Uint8Array([255, 128, 0, 255, 200, 100, 50, 0, 255, 255, 255, 51]))])
      .toEqual([255, 128, 0, 255, 0, 0, 0, 0, 51, 51, 51, 51]);
  });
  it('finds the bounds of the occupied voxels', () => {
    const v = oneVoxel();
    expect(occupiedBounds(v)).toEqual({ min: [-0.5, 0, 0.5], max: [0, 0.5, 1] });
    expect(occupiedBounds({ ...v, voxels: new Uint8Array(v.voxels.length) })).toBeNull();
  });
  it('uploads RGBA8 with x fastest and builds the material', () => {
    const v = oneVoxel();
    const t = createVolumeTexture(v);
    expect(t).toBeInstanceOf(Data3DTexture);
    expect([t.image.width, t.image.height, t.image.depth]).toEqual([4, 4, 4]);
    const data = t.image.data as Uint8Array;
    const i = 4 * (1 + 4 * (2 + 4 * 3));
    expect([...data.subarray(i, i + 4)]).toEqual([255, 0, 0, 255]);
    expect(t.minFilter).toBe(1006); // LinearFilter
    const m = createVolumeMaterial(t, v);
    expect(m).toBeInstanceOf(ShaderMaterial);
    expect(m.uniforms.uVolume.value).toBe(t);
    expect(m.uniforms.uSigmaScale.value).toBeCloseTo(50, 4);
    expect(m.depthWrite).toBe(false);
    m.dispose();
    t.dispose();
  });
});

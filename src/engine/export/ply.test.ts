import { describe, expect, it } from 'vitest';
import { analyticGrid, extractMesh } from '../mesh';
import { meshToPly, pointsToPly, readPly } from './ply';

describe('PLY', () => {
  const mesh = extractMesh(analyticGrid([{ kind: 'sphere', center: [0, 0.1, 0], radius: 0.5, color: [0.25, 0.5, 1] }], { resolution: 20 }));

  it('round-trips a mesh: positions and normals exactly, colours to 8 bits, faces', () => {
    const bytes = meshToPly(mesh);
    const text = new TextDecoder().decode(bytes.subarray(0, 400));
    expect(text).toContain('format binary_little_endian 1.0');
    expect(text).toContain(`element vertex ${mesh.positions.length / 3}`);
    expect(text).toContain(`element face ${mesh.indices.length / 3}`);
    const back = readPly(bytes);
    expect(back.positions).toEqual(mesh.positions);
    expect(back.normals).toEqual(mesh.normals);
    expect(back.indices).toEqual(mesh.indices);
    expect(back.colors).not.toBeNull();
    for (let i = 0; i < mesh.colors.length; i++) expect(Math.abs(back.colors![i] - mesh.colors[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
  });

  it('round-trips a point cloud and clamps colours to [0, 255]', () => {
    const positions = new Float32Array([0, 0, 0, 1, 2, 3, -1.5, 0.25, 1e-3]);
    const colors = new Float32Array([0, 0.5, 1, 2, -1, 0.2, 1, 1, 1]);
    const back = readPly(pointsToPly(positions, colors));
    expect(back.positions).toEqual(positions);
    expect(back.normals).toBeNull();
    expect(back.indices).toBeNull();
    expect(Array.from(back.colors!, (c) => Math.round(c * 255))).toEqual([0, 128, 255, 255, 0, 51, 255, 255, 255]);
  });

  it('rejects inconsistent input and unsupported files, naming the field', () => {
    expect(() => pointsToPly(new Float32Array(6), new Float32Array(3))).toThrow(/colors has length 3, expected 6/);
    expect(() => meshToPly({ ...mesh, normals: new Float32Array(3) })).toThrow(/mesh\.normals/);
    expect(() => meshToPly({ ...mesh, indices: Uint32Array.from([0, 1, 1e6]) })).toThrow(/mesh\.indices\[2\]/);
    expect(() => readPly(new TextEncoder().encode('ply\nformat ascii 1.0\nend_header\n'))).toThrow(/binary_little_endian/);
    expect(() => readPly(new Uint8Array([1, 2, 3]))).toThrow(/not a PLY/);
    const truncated = meshToPly(mesh).subarray(0, 600);
    expect(() => readPly(truncated)).toThrow(/truncated/);
  });
});

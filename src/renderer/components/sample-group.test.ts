import { describe, expect, it } from 'vitest';
import { JobRecordSchema, WorkspaceItemSchema, type JobRecord, type WorkspaceItem } from '../../shared';
import { groupVariance, latestJob, mapVariance, randomSeed, sampleGroup, varianceColour, varianceGradient } from './sample-group';

const stamp = '2025-01-01T10:00:00.000Z';
const scene = (id: string, settings: Record<string, unknown>, files: Record<string, string> = { preview: 'preview.png', variance: 'variance.png' }): WorkspaceItem =>
  WorkspaceItemSchema.parse({
    status: 'ok', kind: 'scene', id,
    manifest: { schemaVersion: 1, id, name: `Sample ${id}`, createdAt: stamp, updatedAt: stamp, kind: 'scene', origin: 'sample', files, settings },
  });
const job = (id: string, kind: 'sample' | 'fit', createdAt: string): JobRecord => JobRecordSchema.parse({
  schemaVersion: 1, id, state: 'succeeded', createdAt, updatedAt: createdAt,
  spec: kind === 'sample' ? { kind, captureId: 'cap' } : { kind, captureId: 'cap', preset: 'draft', minutes: 1 },
});

describe('sampleGroup', () => {
  const items: WorkspaceItem[] = [
    scene('b', { groupId: 'job-1', sampleIndex: 1, seed: 8 }),
    scene('a', { groupId: 'job-1', sampleIndex: 0, seed: 7 }, { preview: 'preview.png' }),
    scene('c', { groupId: 'job-2', sampleIndex: 0 }),
    { status: 'damaged', kind: 'scene', id: 'd', reason: 'bad' },
    WorkspaceItemSchema.parse({
      status: 'ok', kind: 'scene', id: 'r',
      manifest: { schemaVersion: 1, id: 'r', name: 'R', createdAt: stamp, updatedAt: stamp, kind: 'scene', origin: 'reconstruction', files: {}, settings: { groupId: 'job-1' } },
    }),
  ];
  it('lists the job\'s generated scenes in sample order with their files', () => {
    const group = sampleGroup(items, 'job-1');
    expect(group.map((s) => s.id)).toEqual(['a', 'b']);
    expect(group[0]).toMatchObject({ index: 0, seed: 7, preview: 'scenes/a/preview.png', variance: null, hasMesh: false });
    expect(groupVariance(group)).toBe('scenes/b/variance.png');
    expect(sampleGroup(null, 'job-1')).toEqual([]);
    expect(groupVariance(sampleGroup(items, 'job-9'))).toBeNull();
  });
  it('finds the newest job of a kind', () => {
    const jobs = [job('job-a', 'sample', stamp), job('job-b', 'sample', '2025-01-02T10:00:00.000Z'), job('job-c', 'fit', '2025-01-03T10:00:00.000Z')];
    expect(latestJob(jobs, 'sample')?.id).toBe('job-b');
    expect(latestJob(jobs, 'train')).toBeNull();
  });
});

describe('seeds and the variance colour map', () => {
  it('draws seeds in the schema range', () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999999999999)).toBe(2 ** 31 - 1);
    expect(Number.isInteger(randomSeed())).toBe(true);
  });
  it('ramps from dark to bright', () => {
    const lum = (c: number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    let previous = -1;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const l = lum(varianceColour(t));
      expect(l).toBeGreaterThan(previous);
      previous = l;
    }
    expect(varianceColour(-1)).toEqual(varianceColour(0));
    expect(varianceColour(Number.NaN)).toEqual(varianceColour(0));
    expect(varianceGradient()).toMatch(/^linear-gradient\(90deg, rgb\(0 0 0\) 0%, .* 100%\)$/);
  });
  it('maps grey variance through the ramp, stretched by its maximum', () => {
    const grey = new Uint8ClampedArray([0, 0, 0, 255, 50, 50, 50, 255, 100, 100, 100, 255, 0, 0, 0, 255]);
    const m = mapVariance(grey);
    expect(m.max).toBe(100);
    expect(m.nonUniform).toBeCloseTo(0.5, 10);
    expect(Array.from(m.rgba.slice(8, 11))).toEqual(varianceColour(1));
    expect(Array.from(m.rgba.slice(0, 3))).toEqual(varianceColour(0));
  });
  it('keeps colour images as they are and reports uniform images', () => {
    const colour = new Uint8ClampedArray([10, 20, 30, 255, 10, 20, 30, 255]);
    const m = mapVariance(colour);
    expect(Array.from(m.rgba)).toEqual(Array.from(colour));
    expect(m.nonUniform).toBe(0);
  });
});

// The fit job's method in the contract: voxels by default (specs saved before the choice parse
// as voxel fits), splats with optional iterations; each method refuses the other's option, and
// the service-facing parse names the field and the value it got.
import { describe, expect, it } from 'vitest';
import { startJobRefusal } from './contract-test-utils';
import { FitJobSpecSchema, JobRecordSchema, JobSpecSchema } from './index';

const refusal = startJobRefusal;

describe('fit job contract: method', () => {
  it('defaults to the voxel field, with no preset filled in (the runner picks standard)', () => {
    expect(JobSpecSchema.parse({ kind: 'fit', captureId: 'cap' })).toEqual({ kind: 'fit', captureId: 'cap', method: 'voxels', minutes: 5 });
    expect(FitJobSpecSchema.parse({ kind: 'fit', captureId: 'cap', preset: 'draft', minutes: 0.3 }))
      .toEqual({ kind: 'fit', captureId: 'cap', method: 'voxels', preset: 'draft', minutes: 0.3 });
  });

  it('accepts Gaussian splats with or without an iteration count', () => {
    expect(JobSpecSchema.parse({ kind: 'fit', captureId: 'cap', method: 'splats', iterations: 300, minutes: 1.5 }))
      .toEqual({ kind: 'fit', captureId: 'cap', method: 'splats', iterations: 300, minutes: 1.5 });
    expect(JobSpecSchema.parse({ kind: 'fit', captureId: 'cap', method: 'splats' })).toEqual({ kind: 'fit', captureId: 'cap', method: 'splats', minutes: 5 });
  });

  it('a saved job record of a fit made before the choice existed still reads, as a voxel fit', () => {
    const now = '2026-01-01T00:00:00.000Z';
    const r = JobRecordSchema.parse({
      schemaVersion: 1, id: 'job-old', state: 'succeeded', createdAt: now, updatedAt: now,
      spec: { kind: 'fit', captureId: 'cap', preset: 'standard', minutes: 5 },
    });
    expect(r.spec).toMatchObject({ method: 'voxels', preset: 'standard' });
  });

  it('refuses an unknown method, naming the field and the value', () => {
    const e = refusal({ kind: 'fit', captureId: 'cap', method: 'gaussians' });
    expect(e.code).toBe('invalid-argument');
    expect(e.field).toBe('method');
    expect(e.message).toBe('startJob: method: Invalid option: expected one of "voxels"|"splats" (got "gaussians")');
  });

  it("refuses the other method's option instead of ignoring it", () => {
    const preset = refusal({ kind: 'fit', captureId: 'cap', method: 'splats', preset: 'high' });
    expect(preset.field).toBe('preset');
    expect(preset.message).toMatch(/^startJob: preset: applies only to method "voxels" .*\(got "high"\)$/);
    const iterations = refusal({ kind: 'fit', captureId: 'cap', preset: 'draft', iterations: 300 });
    expect(iterations.field).toBe('iterations');
    expect(iterations.message).toMatch(/^startJob: iterations: applies only to method "splats" .*\(got 300\)$/);
  });

  it('refuses iteration counts that are not whole numbers from 1 to 1,000,000', () => {
    for (const bad of [0, -5, 2.5, 1_000_001, '300']) {
      const e = refusal({ kind: 'fit', captureId: 'cap', method: 'splats', iterations: bad });
      expect(e.field, String(bad)).toBe('iterations');
      expect(e.message, String(bad)).toContain(`(got ${JSON.stringify(bad)})`);
    }
  });
});

describe('fit job contract: scene type', () => {
  it('a voxel fit takes the artist’s scene type; absent means auto (decided by the runner)', () => {
    expect(FitJobSpecSchema.parse({ kind: 'fit', captureId: 'cap', sceneType: 'unbounded' })).toMatchObject({ method: 'voxels', sceneType: 'unbounded' });
    expect(FitJobSpecSchema.parse({ kind: 'fit', captureId: 'cap' }).sceneType).toBeUndefined();
  });

  it('refuses an unknown scene type and a scene type on a splat fit, naming the field', () => {
    expect(refusal({ kind: 'fit', captureId: 'cap', sceneType: 'room' }).message).toMatch(/sceneType/);
    const e = refusal({ kind: 'fit', captureId: 'cap', method: 'splats', sceneType: 'object' });
    expect(e.message).toMatch(/sceneType: applies only to method "voxels"/);
  });
});

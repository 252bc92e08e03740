import { describe, expect, it } from 'vitest';
import {
  CaptureManifestSchema, CropBoxSchema, JOB_RESULT_KIND, JobProgressSchema, JobSpecSchema, SceneManifestSchema, effectiveCropBox, parseArgs,
} from './index';

const now = new Date().toISOString();
const base = { schemaVersion: 1, id: 'cap', name: 'Cap', createdAt: now, updatedAt: now };

describe('poses job contract', () => {
  it('fills defaults and commits a capture', () => {
    const spec = JobSpecSchema.parse({ kind: 'poses', captureId: 'photos' });
    expect(spec).toEqual({ kind: 'poses', captureId: 'photos', matcher: 'auto', maxSize: 1600, frames: 64 });
    expect(JOB_RESULT_KIND.poses).toBe('capture');
  });

  it('refuses a bad matcher, size or frame count, naming the field', () => {
    for (const [bad, field] of [[{ matcher: 'fast' }, 'matcher'], [{ maxSize: 10 }, 'maxSize'], [{ frames: 2 }, 'frames'], [{ frames: 3.5 }, 'frames']] as const) {
      const r = JobSpecSchema.safeParse({ kind: 'poses', captureId: 'photos', ...bad });
      expect(r.success, field).toBe(false);
      expect(r.error?.issues[0].path.join('.')).toBe(field);
    }
  });

  it('progress carries the stage', () => {
    expect(JobProgressSchema.parse({ step: 3, total: 9, stage: 'matching' }).stage).toBe('matching');
  });

  it('a posed capture records what was registered; video is a capture format', () => {
    const m = CaptureManifestSchema.parse({
      ...base, kind: 'capture', format: 'nerfstudio', root: 'capture', imageCount: 8,
      poses: { sourceCaptureId: 'photos', imageCount: 10, registered: 8, unregistered: ['a.jpg', 'b.jpg'], skipped: [{ file: 'c.txt', reason: 'not an image' }], meanReprojectionError: 0.6, points: 1234, matcher: 'exhaustive', seconds: 40 },
    });
    expect(m.poses?.unregistered).toEqual(['a.jpg', 'b.jpg']);
    expect(CaptureManifestSchema.parse({ ...base, kind: 'capture', format: 'video', root: 'capture', imageCount: 0 }).format).toBe('video');
    expect(CaptureManifestSchema.safeParse({ ...base, kind: 'capture', format: 'nerfstudio', root: 'c', imageCount: 1, poses: { registered: -1 } }).success).toBe(false);
  });
});

describe('crop box contract', () => {
  const scene = { ...base, kind: 'scene', origin: 'reconstruction', files: {} };
  it('accepts a finite box with min < max and stores it on the scene manifest', () => {
    const box = { min: [-1, -0.5, -1], max: [1, 0.5, 1] };
    expect(SceneManifestSchema.parse({ ...scene, cropBox: box }).cropBox).toEqual(box);
    expect(SceneManifestSchema.parse(scene).cropBox).toBeUndefined();
  });

  it('refuses empty, inverted, non-finite or malformed boxes, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ min: [0, 0, 0], max: [1, 0, 1] }, 'max.1'],
      [{ min: [0, 0, 2], max: [1, 1, 1] }, 'max.2'],
      [{ min: [0, Number.NaN, 0], max: [1, 1, 1] }, 'min.1'],
      [{ min: [0, 0, 0], max: [Infinity, 1, 1] }, 'max.0'],
      [{ min: [0, 0], max: [1, 1, 1] }, 'min'],
      [{ min: [0, 0, 0], max: [1, 1, 1], extra: 1 }, ''],
    ];
    for (const [box, field] of cases) {
      const r = CropBoxSchema.safeParse(box);
      expect(r.success, JSON.stringify(box)).toBe(false);
      expect(r.error?.issues[0].path.join('.'), JSON.stringify(box)).toBe(field);
    }
  });

  it('setSceneCropBox arguments: errors name cropBox.<field>; null clears', () => {
    expect(() => parseArgs('setSceneCropBox', { id: 's', cropBox: { min: [0, 0, 0], max: [1, 1, -1] } })).toThrow(/cropBox\.max\.2: must be greater than min\.2/);
    expect(parseArgs('setSceneCropBox', { id: 's', cropBox: null }).cropBox).toBeNull();
    expect(() => parseArgs('setSceneCropBox', { id: '../x', cropBox: null })).toThrow(/id/);
  });

  it('the exports use the artist box first, else a valid proposal from the fit', () => {
    const artist = { min: [0, 0, 0], max: [1, 1, 1] } as const;
    const proposal = { min: [-2, -2, -2], max: [2, 2, 2] };
    expect(effectiveCropBox({ cropBox: { min: [0, 0, 0], max: [1, 1, 1] }, settings: { cropBox: proposal } })).toEqual(artist);
    expect(effectiveCropBox({ settings: { cropBox: proposal } })).toEqual(proposal);
    expect(effectiveCropBox({ settings: { cropBox: { min: [0, 0, 0], max: [0, 0, 0] } } })).toBeNull();
    expect(effectiveCropBox({ settings: {} })).toBeNull();
  });
});

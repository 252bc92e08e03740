// The studio's DDRep job in the contract: defaults from one place (method ddrep, 2 samples, seed 0; steps
// and guidance absent = the engine's method defaults), every bad field refused with the field and value
// named, a photo only for DDRep, and DDRep scenes as picture scenes in the manifest schema.
import { describe, expect, it } from 'vitest';
import { startJobRefusal } from './contract-test-utils';
import { DdrepJobSpecSchema, JOB_RESULT_KIND, JobSpecSchema, SceneManifestSchema } from './index';

const refusal = startJobRefusal;

describe('ddrep job contract', () => {
  it('fills the defaults and leaves steps and guidance to the method', () => {
    expect(JobSpecSchema.parse({ kind: 'ddrep', rep: 'siren' })).toEqual({ kind: 'ddrep', rep: 'siren', method: 'ddrep', samples: 2, seed: 0 });
    expect(DdrepJobSpecSchema.parse({ kind: 'ddrep', rep: 'panorama', method: 'sjc', samples: 3, steps: 400, guidance: 30, seed: 9 }))
      .toEqual({ kind: 'ddrep', rep: 'panorama', method: 'sjc', samples: 3, steps: 400, guidance: 30, seed: 9 });
    expect(JOB_RESULT_KIND.ddrep).toBe('scene');
  });

  it('refuses each bad field, naming it and the value', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rep: 'nerf' }, 'rep'], [{ method: 'dfm' }, 'method'],
      [{ samples: 0 }, 'samples'], [{ samples: 9 }, 'samples'], [{ samples: 1.5 }, 'samples'],
      [{ steps: 0 }, 'steps'], [{ steps: 20_001 }, 'steps'], [{ guidance: -1 }, 'guidance'], [{ guidance: '3' }, 'guidance'],
      [{ inner: 0 }, 'inner'], [{ inner: 2.5 }, 'inner'], [{ seed: -1 }, 'seed'], [{ seed: 2 ** 31 }, 'seed'], [{ captureId: '../x' }, 'captureId'],
    ];
    for (const [over, field] of cases) {
      const e = refusal({ kind: 'ddrep', rep: 'siren', ...over });
      expect(e.code, field).toBe('invalid-argument');
      expect(e.field, JSON.stringify(over)).toBe(field);
      expect(e.message, field).toContain(`startJob: ${field}: `);
      expect(e.message, field).toContain(`(got ${JSON.stringify(over[field])})`);
    }
  });

  it('offers the radiance field, completed from a photo by DDRep only', () => {
    expect(DdrepJobSpecSchema.parse({ kind: 'ddrep', rep: 'field', method: 'sds' })).toEqual({ kind: 'ddrep', rep: 'field', method: 'sds', samples: 2, seed: 0 });
    expect(DdrepJobSpecSchema.parse({ kind: 'ddrep', rep: 'field', captureId: 'cap-1' })).toEqual({ kind: 'ddrep', rep: 'field', method: 'ddrep', captureId: 'cap-1', samples: 2, seed: 0 });
    for (const method of ['sds', 'sjc']) {
      const e = refusal({ kind: 'ddrep', rep: 'field', method, captureId: 'cap-1' });
      expect(e.field).toBe('captureId');
      expect(e.message).toMatch(new RegExp(`^startJob: captureId: conditioning on a photo is DDRep's RePaint inpainting; method "${method}" takes no photo`));
    }
  });

  it('takes a photo and inner iterations for DDRep and refuses them for SDS and SJC', () => {
    expect(DdrepJobSpecSchema.parse({ kind: 'ddrep', rep: 'siren', captureId: 'cap-1' }).captureId).toBe('cap-1');
    for (const method of ['sds', 'sjc']) {
      const e = refusal({ kind: 'ddrep', rep: 'siren', method, captureId: 'cap-1' });
      expect(e.field).toBe('captureId');
      expect(e.message).toMatch(new RegExp(`^startJob: captureId: conditioning on a photo is DDRep's RePaint inpainting; method "${method}" takes no photo`));
      expect(refusal({ kind: 'ddrep', rep: 'siren', method, inner: 20 }).field).toBe('inner');
    }
  });

  it('a scene manifest may be a picture; older scenes have no representation (3D)', () => {
    const base = { schemaVersion: 1, id: 's-1', name: 'S', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', kind: 'scene', origin: 'sample' };
    expect(SceneManifestSchema.parse({ ...base, representation: 'image', files: { preview: 'preview.png', steps: 'steps.png' } }).representation).toBe('image');
    expect(SceneManifestSchema.parse({ ...base, files: {} }).representation).toBeUndefined();
    expect(SceneManifestSchema.safeParse({ ...base, representation: 'voxels', files: {} }).success).toBe(false);
  });
});

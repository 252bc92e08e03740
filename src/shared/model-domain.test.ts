// The model-domain contract: argument validation names the field and value; results are checked
// (example photos must be PNG data URLs, a check without a reference carries nulls).
import { describe, expect, it } from 'vitest';
import { STUDIO_METHODS, StudioError, parseArgs } from './api';
import { ModelDomainSchema, PhotoDomainCheckSchema } from './model-domain';

const domain = {
  modelId: null, modelName: 'Default model (shipped)', checksum: '0a1b2c3d', kind: 'procedural-toys', category: 'toys',
  resolution: 64, steps: 33450, dataset: 'procedural toy category', trainScenes: 64, viewsPerScene: 8, background: [1, 1, 1],
  baseModel: null, examples: [{ index: 0, sceneSeed: 12, width: 64, height: 64, png: 'data:image/png;base64,iVBORw0KGgo=' }], checkable: true,
};

describe('model-domain contract', () => {
  it('arguments: index 0-2, known keys only, item ids', () => {
    expect(parseArgs('importDomainExample', { index: 2 })).toEqual({ index: 2 });
    expect(parseArgs('getModelDomain', {})).toEqual({});
    expect(() => parseArgs('importDomainExample', { index: 3 })).toThrow(/importDomainExample: index: .*\(got 3\)/);
    expect(() => parseArgs('importDomainExample', { index: 1.5 })).toThrow(/index/);
    expect(() => parseArgs('getModelDomain', { modelId: '../x' })).toThrow(/getModelDomain: modelId: .*\(got "\.\.\/x"\)/);
    expect(() => parseArgs('checkPhotoDomain', {})).toThrow(/checkPhotoDomain: captureId/);
    const err = (() => { try { parseArgs('checkPhotoDomain', { captureId: 'a', extra: 1 }); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).field).toBe('extra');
  });

  it('results: example photos are PNG data URLs; a model card has at most 3', () => {
    expect(STUDIO_METHODS.getModelDomain.result).toBe(ModelDomainSchema);
    expect(ModelDomainSchema.parse(domain).examples).toHaveLength(1);
    const js = { ...domain, examples: [{ ...domain.examples[0], png: 'javascript:alert(1)' }] };
    expect(ModelDomainSchema.safeParse(js).error?.issues[0].path).toEqual(['examples', 0, 'png']);
    const four = { ...domain, examples: [0, 1, 2, 2].map((index) => ({ ...domain.examples[0], index })) };
    expect(ModelDomainSchema.safeParse(four).success).toBe(false);
  });

  it('a check without a reference has nulls, not made-up numbers', () => {
    const unknown = {
      captureId: 'cap-1', modelId: 'model-1', inDomain: null, distance: null, threshold: null,
      photo: { width: 640, height: 480 }, features: [], reasons: [], message: 'cannot be checked',
    };
    expect(PhotoDomainCheckSchema.parse(unknown).inDomain).toBeNull();
    expect(PhotoDomainCheckSchema.safeParse({ ...unknown, distance: -1 }).success).toBe(false);
  });
});

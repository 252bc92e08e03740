import { describe, expect, it } from 'vitest';
import { provenanceRows } from './finetune-result';

describe('provenanceRows', () => {
  const nameOf = (id: string) => ({ 'cap-a': 'Chair', 'model-b': 'My model' } as Record<string, string>)[id];
  it('leads with base model, steps, captures, time and hardware, names instead of ids', () => {
    const { headline, rest } = provenanceRows({
      baseModelId: 'default', steps: 3, captureIds: ['cap-a', 'cap-x'], wallTimeSeconds: 185, backend: 'wasm',
      checksum: 'abc', imageSize: 64, flags: { ema: true },
    }, nameOf);
    expect(headline).toEqual([
      ['Base model', 'Default model (shipped)'], ['Steps', '3'], ['Captures', 'Chair, cap-x'],
      ['Training time', '3 min 05 s'], ['Hardware', 'wasm'],
    ]);
    expect(rest).toEqual([['Checksum', 'abc'], ['Image size', '64'], ['Flags', '{"ema":true}']]);
  });
  it('prefers capture names and item names for the base model', () => {
    const { headline } = provenanceRows({ baseModelId: 'model-b', captureNames: ['Chair'], captureIds: ['cap-a'] }, nameOf);
    expect(headline).toEqual([['Base model', 'My model'], ['Captures', 'Chair']]);
  });
});

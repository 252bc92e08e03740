import { describe, expect, it } from 'vitest';
import { sourceCaptureId } from './use-capture-cameras';

describe('sourceCaptureId', () => {
  it('uses settings.captureId of generated scenes, else the source of a reconstruction', () => {
    expect(sourceCaptureId({ origin: 'sample', sourceId: 'model-x', settings: { captureId: 'photo-abc' } })).toBe('photo-abc');
    expect(sourceCaptureId({ origin: 'reconstruction', sourceId: 'cap-1', settings: {} })).toBe('cap-1');
    expect(sourceCaptureId({ origin: 'sample', sourceId: 'model-x', settings: {} })).toBeNull();
    expect(sourceCaptureId({ origin: 'reconstruction', settings: {} })).toBeNull();
  });
});

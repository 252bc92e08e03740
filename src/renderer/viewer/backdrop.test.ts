import { describe, expect, it } from 'vitest';
import { backdropColour } from './backdrop';

describe('backdropColour', () => {
  it('formats an RGB triple in [0, 1] as #rrggbb', () => {
    expect(backdropColour([1, 1, 1])).toBe('#ffffff');
    expect(backdropColour([0, 0.5, 0.0627])).toBe('#008010');
  });
  it('rejects anything else', () => {
    expect(backdropColour(undefined)).toBeNull();
    expect(backdropColour([1, 1])).toBeNull();
    expect(backdropColour([1, 2, 0])).toBeNull();
    expect(backdropColour(['1', 1, 1])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { cropBoxOf } from './crop-box';
import { formatBytes } from './use-splat-scene';

describe('splat viewer helpers', () => {
  it('reads a crop box from scene settings and ignores malformed ones', () => {
    expect(cropBoxOf({ cropBox: { min: [-1, -2, -3], max: [1, 2, 3] } })).toEqual({ min: [-1, -2, -3], max: [1, 2, 3] });
    expect(cropBoxOf({})).toBeNull();
    expect(cropBoxOf({ cropBox: { min: [0, 0], max: [1, 1, 1] } })).toBeNull();
    expect(cropBoxOf({ cropBox: { min: [0, 0, NaN], max: [1, 1, 1] } })).toBeNull();
  });

  it('formats memory sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});

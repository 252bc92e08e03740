import { describe, expect, it } from 'vitest';
import { RENDER_MODES, defaultMode, isMeshMode, modeForKey, usableMode } from './render-modes';

describe('render modes', () => {
  const both = { volume: true, mesh: true };
  const volumeOnly = { volume: true, mesh: false };
  const meshOnly = { volume: false, mesh: true };
  it('has five modes on keys 1..5', () => {
    expect(RENDER_MODES.map((m) => m.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(RENDER_MODES.map((m) => m.value)).toEqual(['volume', 'shaded', 'colour', 'wireframe', 'matcap']);
  });
  it('defaults to the volume when there is one', () => {
    expect(defaultMode(both)).toBe('volume');
    expect(defaultMode(volumeOnly)).toBe('volume');
    expect(defaultMode(meshOnly)).toBe('colour');
  });
  it('maps keys to available modes only', () => {
    expect(modeForKey('5', both)).toBe('matcap');
    expect(modeForKey('1', meshOnly)).toBeNull();
    expect(modeForKey('2', volumeOnly)).toBeNull();
    expect(modeForKey('6', both)).toBeNull();
    expect(modeForKey('a', both)).toBeNull();
  });
  it('falls back when a mode cannot be shown', () => {
    expect(usableMode('wireframe', volumeOnly)).toBe('volume');
    expect(usableMode('volume', meshOnly)).toBe('colour');
    expect(usableMode('shaded', both)).toBe('shaded');
    expect(isMeshMode('volume')).toBe(false);
    expect(isMeshMode('matcap')).toBe(true);
  });
});

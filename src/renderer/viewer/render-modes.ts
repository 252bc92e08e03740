// The viewer's render modes: the baked radiance field (volume ray marching) and four looks for
// the mesh. Which are available depends on the files a scene has; keys 1..5 pick them.

export type MeshMode = 'shaded' | 'colour' | 'wireframe' | 'matcap';
export type RenderMode = 'volume' | MeshMode;

export interface RenderModeInfo {
  value: RenderMode;
  label: string;
  /** Keyboard shortcut (a digit). */
  key: string;
  needs: 'volume' | 'mesh';
}

export const RENDER_MODES: readonly RenderModeInfo[] = [
  { value: 'volume', label: 'Volume', key: '1', needs: 'volume' },
  { value: 'shaded', label: 'Shaded', key: '2', needs: 'mesh' },
  { value: 'colour', label: 'Vertex colour', key: '3', needs: 'mesh' },
  { value: 'wireframe', label: 'Wireframe', key: '4', needs: 'mesh' },
  { value: 'matcap', label: 'Matcap', key: '5', needs: 'mesh' },
];

export interface Availability {
  volume: boolean;
  mesh: boolean;
}

export function isMeshMode(mode: RenderMode): mode is MeshMode {
  return mode !== 'volume';
}

export function isModeAvailable(mode: RenderMode, has: Availability): boolean {
  return isMeshMode(mode) ? has.mesh : has.volume;
}

/** The volume when the scene has one (it is what the reconstruction really learned), else vertex colour. */
export function defaultMode(has: Availability): RenderMode {
  return has.volume || !has.mesh ? 'volume' : 'colour';
}

/** The mode a key selects, or null (unknown key or mode unavailable). */
export function modeForKey(key: string, has: Availability): RenderMode | null {
  const info = RENDER_MODES.find((m) => m.key === key);
  return info && isModeAvailable(info.value, has) ? info.value : null;
}

/** Keep `mode` if it can be shown, else the best available one. */
export function usableMode(mode: RenderMode, has: Availability): RenderMode {
  if (isModeAvailable(mode, has)) return mode;
  return defaultMode(has);
}

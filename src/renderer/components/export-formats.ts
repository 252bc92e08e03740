// The export formats the dialog offers, with the short explanation shown next to each.
import type { JobSpecInput } from '../../shared';

export type ExportChoice = 'glb' | 'glb-web' | 'ply' | 'ply-points' | 'turntable';

export interface ExportFormatInfo {
  value: ExportChoice;
  label: string;
  hint: string;
}

export const EXPORT_FORMATS: ExportFormatInfo[] = [
  { value: 'glb', label: 'GLB', hint: 'Coloured mesh that opens everywhere: Blender, Unity, Unreal, three.js.' },
  { value: 'glb-web', label: 'GLB for the web', hint: 'Smaller file: welded, quantized and meshopt-compressed. Needs a viewer with a meshopt decoder (three.js, Babylon.js, Blender 4).' },
  { value: 'ply', label: 'PLY mesh', hint: 'The same mesh with vertex colours, for MeshLab, CloudCompare and other mesh tools.' },
  { value: 'ply-points', label: 'PLY points', hint: 'The surface of the baked field as coloured points, one per occupied voxel.' },
  { value: 'turntable', label: 'Turntable frames', hint: 'PNG frames of a camera orbiting the scene, ready for a video editor.' },
];

export interface TurntableOptions { frames: number; size: number }

export function exportSpec(sceneId: string, choice: ExportChoice, turntable: TurntableOptions): JobSpecInput {
  switch (choice) {
    case 'glb': return { kind: 'export', sceneId, format: 'glb', preset: 'plain' };
    case 'glb-web': return { kind: 'export', sceneId, format: 'glb', preset: 'web' };
    case 'turntable': return { kind: 'export', sceneId, format: 'turntable', frames: turntable.frames, size: turntable.size };
    default: return { kind: 'export', sceneId, format: choice };
  }
}

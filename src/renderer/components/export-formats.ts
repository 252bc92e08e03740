// The export formats the dialog offers, with the short explanation shown next to each.
import type { JobSpecInput, WorkspaceItem } from '../../shared';

export type ExportChoice = 'glb' | 'glb-web' | 'ply' | 'ply-points' | 'turntable' | 'splat-ply' | 'spz' | 'splat' | 'splat-glb';

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

/** What a Gaussian splat scene exports: the splat files themselves (no mesh from splats). */
export const SPLAT_EXPORT_FORMATS: ExportFormatInfo[] = [
  { value: 'splat-ply', label: '3DGS PLY', hint: 'The standard Gaussian splatting .ply (all SH bands): SuperSplat, Postshot, nerfstudio, splat-transform.' },
  { value: 'spz', label: 'SPZ', hint: "Niantic's compressed splats, about 10x smaller than the PLY: Scaniverse, Spark, SuperSplat." },
  { value: 'splat', label: '.splat', hint: 'Compact 32-byte splats without view-dependent colour, for web viewers (antimatter15, drei <Splat>).' },
  { value: 'splat-glb', label: 'GLB (KHR_gaussian_splatting)', hint: 'Splats in glTF with the Khronos extension (release candidate, not yet ratified); viewers without it show a point cloud.' },
];

/** Which exports each reconstruction method offers, shown in the dialog. */
export const METHOD_EXPORTS_NOTE = 'Voxel-field scenes export meshes (GLB, PLY), points and turntables; Gaussian-splat scenes export splat files (3DGS PLY, SPZ, .splat, GLB with KHR_gaussian_splatting).';

/** A scene made by the splat method (its manifest's settings.method), which exports splat files. */
export function isSplatScene(item: WorkspaceItem): boolean {
  return item.status === 'ok' && item.manifest.kind === 'scene' && item.manifest.settings.method === 'splats';
}

export function exportFormatsFor(item: WorkspaceItem): ExportFormatInfo[] {
  return isSplatScene(item) ? SPLAT_EXPORT_FORMATS : EXPORT_FORMATS;
}

export interface TurntableOptions { frames: number; size: number }

export function exportSpec(sceneId: string, choice: ExportChoice, turntable: TurntableOptions): JobSpecInput {
  switch (choice) {
    case 'glb': return { kind: 'export', sceneId, format: 'glb', preset: 'plain' };
    case 'glb-web': return { kind: 'export', sceneId, format: 'glb', preset: 'web' };
    case 'turntable': return { kind: 'export', sceneId, format: 'turntable', frames: turntable.frames, size: turntable.size };
    case 'splat-ply': return { kind: 'export', sceneId, format: 'ply' };
    case 'splat-glb': return { kind: 'export', sceneId, format: 'glb', preset: 'plain' };
    default: return { kind: 'export', sceneId, format: choice };
  }
}

export { meshToGlb, validateMesh, GLB_DEFAULTS, GLB_GENERATOR } from './glb';
export type { GlbOptions } from './glb';
export { meshToPly, pointsToPly, readPly } from './ply';
export type { PlyData } from './ply';
export { encodePngRgba } from './png';
export { toJsonValue } from './provenance';

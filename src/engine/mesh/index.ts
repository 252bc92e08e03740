export { extractMesh, resolveMeshOptions } from './extract-mesh';
export { MESH_DEFAULTS, DECIMATE_DEFAULTS, TEXTURE_BAKE_DEFAULTS } from './types';
export type {
  Mesh, MeshField, MeshOptions, DecimateOptions, MeshTexture, TexturedMesh, TextureBakeOptions,
} from './types';
export { marchingCubes } from './marching-cubes';
export type { ScalarVolume, IsoSurface } from './marching-cubes';
export { filterComponents, compactMesh, triangleComponents } from './components';
export type { ComponentFilter } from './components';
export { decimateMesh } from './decimate';
export type { DecimateResult } from './decimate';
export { bakeTexture } from './texture-bake';
export { surfaceArea, signedVolume, edgeReport, boundingBox } from './mesh-stats';
export type { EdgeReport } from './mesh-stats';
export { analyticGrid, analyticArea, analyticVolume, signedDistance, ANALYTIC_GRID_DEFAULTS } from './analytic-grid';
export type { AnalyticShape, AnalyticGridOptions, Vec3 } from './analytic-grid';
export { sampleColor, defaultIsoLevel, voxelSize, scalarVolume, validateGrid } from './grid-sampling';

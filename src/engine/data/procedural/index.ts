// Procedural analytic scenes with exact ground truth, camera rigs, and the toy category
// dataset for training the generative model.
export { mulberry32, hashSeed, createRng } from './prng';
export type { Rng } from './prng';
export { DEFAULT_LIGHT, normalize3, shapeCenter, shapeBounds, sceneBounds } from './scene';
export type {
  Vec3, ColorSplit, SphereShape, BoxShape, CylinderShape, Shape, GroundDisc, DirectionalLight, ProceduralScene,
} from './scene';
export { intersectScene, shade, renderAnalyticView } from './trace';
export type { Hit, RenderedView } from './trace';
export { cameraOnSphere, rigPoses } from './rig';
export type { RigSpec } from './rig';
export { PROCEDURAL_CAPTURE_DEFAULTS, demoScene, renderProceduralCapture, captureFromViews } from './capture';
export type { ProceduralCaptureSpec, ProceduralCaptureResult } from './capture';
export { TOY_PALETTE, CATEGORY_SCENE_DEFAULTS, proceduralCategoryScene } from './category';
export type { PartSide, CategoryPart, CategorySceneInfo, CategorySceneOptions } from './category';
export {
  DATASET_DEFAULTS, sceneSplit, categoryViewPoses, renderCategoryCapture, iterateDataset, generateDataset,
} from './dataset';
export type { DatasetOptions, DatasetScene } from './dataset';

// Capture data: the in-memory Capture types, readers for every supported capture format
// (pure: hosts supply a CaptureFiles), scene normalisation, serialisers, and the procedural
// scene/dataset generators with exact ground truth.
export type { RgbImage, DecodedImage, Split, CaptureView, Capture, CaptureNormalization } from './types';
export { CaptureError } from './errors';
export type { CaptureFiles } from './files';
export { IMAGE_EXTENSIONS, isImageName, safeRelativePath, memoryCaptureFiles } from './files';
export { parseJsonFile } from './json';
export { readCapture, READ_CAPTURE_DEFAULTS } from './read-capture';
export type { ReadCaptureOptions } from './read-capture';
export { detectCaptureFormat } from './detect';
export type { CaptureFormat } from './detect';
export { IMAGE_LIMITS_DEFAULTS, checkImageSize } from './load-images';
export type { ImageLimits } from './load-images';
export {
  NORMALIZE_DEFAULTS, normalizeScene, lookAtPoint, applyNormalizationToPose, applyNormalizationToPoint,
} from './normalize';
export type { NormalizeOptions, BoundsHint, Aabb } from './normalize';
export { parseNpy, writeNpyFloat64 } from './formats/npy';
export type { NpyArray } from './formats/npy';
export {
  blenderTransforms, nerfstudioTransforms, instantNgpTransforms, colmapModel, llffPosesBounds, float32LeBytes,
  rotationToQuaternion,
} from './serialize';
export type { FrameRecord } from './serialize';
export {
  mulberry32, hashSeed, createRng, DEFAULT_LIGHT, sceneBounds, renderAnalyticView, intersectScene, cameraOnSphere, rigPoses,
  PROCEDURAL_CAPTURE_DEFAULTS, demoScene, renderProceduralCapture, captureFromViews, proceduralCategoryScene,
  DATASET_DEFAULTS, sceneSplit, categoryViewPoses, renderCategoryCapture, iterateDataset, generateDataset,
} from './procedural';
export type {
  Vec3, Shape, ProceduralScene, RigSpec, ProceduralCaptureSpec, ProceduralCaptureResult, CategorySceneInfo,
  CategoryPart, DatasetOptions, DatasetScene, RenderedView,
} from './procedural';
export { classifySceneType, sceneCentre, borderStd, SCENE_TYPES, SCENE_TYPE_THRESHOLDS } from './scene-type';
export type { SceneType, SceneTypeDecision, SceneTypeReasons } from './scene-type';
export { sparseNearFar, pointsBox, percentile, SPARSE_BOUNDS_DEFAULTS } from './sparse-bounds';
export type { SparseBoundsOptions } from './sparse-bounds';

// How a finished generated scene combines its views: part of the sample job's contract, and the
// engine's choice (src/engine/dfm/pooling.ts documents what each one does).
export const SCENE_POOLINGS = ['mean', 'occlusion-aware', 'view-colours'] as const;
export type ScenePooling = (typeof SCENE_POOLINGS)[number];
export const DEFAULT_SCENE_POOLING: ScenePooling = 'mean';

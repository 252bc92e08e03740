// How a finished generated scene combines its views: part of the sample job's contract, and the
// engine's choice (src/engine/dfm/pooling.ts documents what each one does).
export const SCENE_POOLINGS = ['mean', 'occlusion-aware', 'view-colours'] as const;
export type ScenePooling = (typeof SCENE_POOLINGS)[number];

/**
 * For new samples (CLI, Generate form, eval). Chosen on validation scenes: the photo re-renders
 * at ~28 dB instead of ~25 and unseen sides are sharper and more varied (README).
 */
export const DEFAULT_SCENE_POOLING: ScenePooling = 'view-colours';

/** What a stored sample spec without a pooling field means: it was saved before the choice existed, and ran with the mean. */
export const UNRECORDED_SCENE_POOLING: ScenePooling = 'mean';

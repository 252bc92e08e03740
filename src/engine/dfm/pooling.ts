// The choice of how a finished sampled scene pools its conditioning views (kept apart from
// scene.ts so the CLI's flag parsing can name the choices without loading the engine).
/**
 * How a sampled scene pools its conditioning views at a 3D point:
 * - 'mean': pixelNeRF's mean over all views (Eq. 10), as in training and in every denoising step.
 * - 'occlusion-aware': only the views that see the point (scene.ts withVisibility); used for the
 *   finished scene only (renders, bake, mesh), never inside the denoiser the model was trained as.
 */
export type ScenePooling = 'mean' | 'occlusion-aware';
export const SCENE_POOLINGS: readonly ScenePooling[] = ['mean', 'occlusion-aware'];
export const DEFAULT_SCENE_POOLING: ScenePooling = 'mean';

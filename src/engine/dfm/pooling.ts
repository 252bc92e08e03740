// The choice of how a finished sampled scene pools its conditioning views (the names live in the
// contract, src/shared/scene-pooling.ts, because the studio's sample job carries the choice):
// - 'mean': pixelNeRF's mean over all views (Eq. 10), as in training and in every denoising step.
// - 'occlusion-aware': only the views that see the point (scene.ts withVisibility); used for the
//   finished scene only (renders, bake, mesh), never inside the denoiser the model was trained as.
// - 'view-colours': occlusion-aware, and each point's colour is taken from the pixels of the views
//   that see it, the photo's first (image-based colour, fields/pixel-field.ts viewColour); density,
//   and the colour of points no view sees, stay the field's. Finished scene only, like 'occlusion-aware'.
export { DEFAULT_SCENE_POOLING, SCENE_POOLINGS, type ScenePooling } from '../../shared/scene-pooling';

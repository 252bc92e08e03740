// After the fit: record the scene type, how it was chosen, and the crop box on the scene.
// The crop box comes from the sparse points (scene-plan.ts) or, without points, from the fitted
// density around the cameras' look-at point within half the camera distance (crop-box.ts).
import { cropBoxFromDensity } from './crop-box';
import type { ScenePlan } from './scene-plan';
import type { FittedScene } from './types';

export function finishScene(scene: FittedScene, plan: ScenePlan): FittedScene {
  const out: FittedScene = { ...scene, sceneType: plan.type, info: { ...scene.info, sceneDecision: plan.decision, bounds: plan.bounds } };
  // A resumed fit keeps the checkpoint's space, which may differ from today's plan: trust the grid.
  const kind = scene.space?.kind ?? 'world';
  if (kind === 'world') out.sceneType = 'object';
  else if (kind === 'contract') out.sceneType = 'unbounded';
  else out.sceneType = 'forward-facing';
  const crop = plan.cropBox ?? cropBoxFromDensity(scene, plan.centre, 0.5 * plan.cameraDistance);
  if (crop) out.cropBox = crop;
  return out;
}

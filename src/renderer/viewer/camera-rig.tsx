// Fits the camera and orbit target to the scene bounds on load and whenever `fitKey` changes
// (the "Fit view" button), and applies keyboard orbit/zoom nudges. Runs in effects, never in
// the frame loop; each change asks the demand loop for one frame.
import { useThree } from '@react-three/fiber';
import { useLayoutEffect } from 'react';
import { PerspectiveCamera, type Vector3 } from 'three';
import { fitCameraToBounds, type Bounds, type Vec3 } from './camera-fit';
import { nudgeCamera, type OrbitNudge } from './keyboard-orbit';

interface OrbitLike {
  target: Vector3;
  update(): void;
}

export interface NudgeRequest {
  nudge: OrbitNudge;
  /** Increments with every key press, so equal nudges still apply. */
  id: number;
}

interface CameraRigProps {
  bounds: Bounds | null;
  fitKey: number;
  nudge: NudgeRequest | null;
}

export function CameraRig({ bounds, fitKey, nudge }: CameraRigProps) {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as unknown as OrbitLike | null;
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  const aspect = size.height > 0 ? size.width / size.height : 16 / 9;

  useLayoutEffect(() => {
    if (!bounds || !(camera instanceof PerspectiveCamera)) return;
    const fit = fitCameraToBounds(bounds, { fovDeg: camera.fov, aspect });
    camera.position.set(...fit.position);
    camera.near = fit.near;
    camera.far = fit.far;
    camera.updateProjectionMatrix();
    if (controls) {
      controls.target.set(...fit.target);
      controls.update();
    } else {
      camera.lookAt(...fit.target);
    }
    invalidate();
    // `aspect` is read when fitting, but a resize alone should not move the camera.
  }, [bounds, fitKey, camera, controls, invalidate]);

  useLayoutEffect(() => {
    if (!nudge || !controls) return;
    const t = controls.target;
    const target: Vec3 = [t.x, t.y, t.z];
    camera.position.set(...nudgeCamera([camera.position.x, camera.position.y, camera.position.z], target, nudge.nudge));
    controls.update();
    invalidate();
  }, [nudge, camera, controls, invalidate]);

  return null;
}

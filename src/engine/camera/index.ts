export {
  intrinsicsFromFov, intrinsicsFromFocal, scaleIntrinsics, mat4, identity4, multiply4,
  opencvToOpenglC2W, openglToOpencvC2W, invertRigid, cameraCenter, projectPoint, pixelRay,
  generateRays, rigidityError, lookAt,
} from './camera';
export type { Intrinsics, Mat4, Rays } from './camera';

// A 3D Gaussian splat scene (Kerbl et al. 2023, "3D Gaussian Splatting for Real-Time Radiance
// Field Rendering"): the one in-memory form shared by training, rendering, the viewer and every
// exporter. Values are stored *before* activation, exactly as the reference code's .ply holds them:
//   scale    = exp(logScales)                 (Sec. 4: "exponential activation for the scale")
//   rotation = normalize(rotations)            quaternion (w, x, y, z), unnormalised in storage
//   opacity  = sigmoid(opacityLogits)          (Sec. 4: "sigmoid activation for alpha")
//   colour   = SH_C0 * shDc + sum_l Y_l(d) shRest + 0.5, clamped at 0 (reference convention)
// Array layouts, N = count, K = (shDegree + 1)^2 coefficients per channel:
//   positions [N*3], logScales [N*3], rotations [N*4] (w, x, y, z), opacityLogits [N],
//   shDc [N*3] (r, g, b), shRest [N*3*(K-1)] ordered [gaussian][channel][coefficient], which is
//   the order of the reference .ply's f_rest_0 … f_rest_{3(K-1)-1} properties.
import type { Aabb } from '../recon/types';

export type ShDegree = 0 | 1 | 2 | 3;

/** Zeroth-order real spherical-harmonic constant Y_0^0 = 1 / (2 sqrt(pi)). */
export const SH_C0 = 0.28209479177387814;

export interface SplatScene {
  version: 1;
  count: number;
  shDegree: ShDegree;
  positions: Float32Array;
  logScales: Float32Array;
  rotations: Float32Array;
  opacityLogits: Float32Array;
  shDc: Float32Array;
  shRest: Float32Array;
  /** Background composited behind the splats when rendering, RGB in [0, 1] (the capture's). */
  background: [number, number, number];
  /** Optional crop box of the object of interest (world units of the scene). */
  cropBox?: Aabb;
}

/** Coefficients per colour channel for an SH degree. */
export function shCoefficientsPerChannel(degree: ShDegree): number {
  return (degree + 1) * (degree + 1);
}

/** An empty scene with zeroed arrays of the right sizes (identity rotations). */
export function allocateSplatScene(count: number, shDegree: ShDegree, background: [number, number, number] = [0, 0, 0]): SplatScene {
  const rest = 3 * (shCoefficientsPerChannel(shDegree) - 1);
  const rotations = new Float32Array(count * 4);
  for (let i = 0; i < count; i++) rotations[4 * i] = 1;
  return {
    version: 1, count, shDegree,
    positions: new Float32Array(count * 3), logScales: new Float32Array(count * 3), rotations,
    opacityLogits: new Float32Array(count), shDc: new Float32Array(count * 3), shRest: new Float32Array(count * rest),
    background: [...background],
  };
}

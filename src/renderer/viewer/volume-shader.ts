// GLSL (WebGL2, GLSL ES 3.00) for ray marching a scene's baked radiance field, and the uniform
// values for one volume. The field is drawn on the back faces of its aabb box, so it also works
// with the camera inside the box.
//
// Volume rendering (NeRF's quadrature, the same one src/engine/render uses):
//   alpha_i = 1 - exp(-sigma_i * dt),  C = sum_i T_i * alpha_i * c_i,  T_i = prod_{j<i} (1 - alpha_j)
// with sigma_i = a_i * maxDensity (a_i the texture's alpha in [0, 1], volume.bin's quantization),
// front to back, stopping once the accumulated opacity passes `opacityCutoff`. The texture holds
// colour premultiplied by a (see volume-texture.ts) so trilinear filtering weights colours by
// density and empty voxels do not bleed grey into surfaces; the shader divides it back out.
// The output is premultiplied RGBA, blended over what is already drawn (background, grid).
import type { DecodedVolume } from '../../shared/volume-file';

export interface VolumeRenderOptions {
  /** Ray samples along the box diagonal (a shorter chord gets proportionally fewer). */
  steps: number;
  /** Stop marching once this much opacity has accumulated. */
  opacityCutoff: number;
  /** Multiplies every density (1 = as baked). */
  densityScale: number;
  /** Per-pixel random start offset in [0, 1) steps, trading banding for fine noise. */
  jitter: number;
}

export const VOLUME_RENDER_DEFAULTS: VolumeRenderOptions = {
  steps: 128,
  opacityCutoff: 0.98,
  densityScale: 1,
  jitter: 0,
};

/**
 * Density multipliers the viewer offers. A field fitted against a white backdrop can leave white
 * surfaces partly transparent (white over white costs nothing), which shows as holes over the
 * dark viewer; doubling densities closes most of them, so x2 is the viewer's default.
 */
export const VOLUME_DENSITY_CHOICES = [1, 2, 4] as const;
export const VIEWER_DENSITY_DEFAULT = 2;

/** Loop bound compiled into the shader; `steps` is clamped to it. */
export const VOLUME_MAX_STEPS = 256;

/** Samples per diagonal for a grid: about one per voxel along the longest side, 48..192. */
export function stepsForResolution(resolution: readonly number[]): number {
  const n = Math.max(...resolution);
  return Math.max(48, Math.min(192, Math.round(n)));
}

export interface VolumeUniformValues {
  boxMin: [number, number, number];
  boxMax: [number, number, number];
  /** sigma (per world unit) of texture alpha 1, times densityScale. */
  sigmaScale: number;
  /** World-space length of one step. */
  stepLength: number;
  steps: number;
  opacityCutoff: number;
  jitter: number;
}

/** Uniform values for drawing `volume` (pure; the material copies them into three uniforms). */
export function volumeUniformValues(
  volume: Pick<DecodedVolume, 'aabb' | 'maxDensity' | 'resolution'>,
  options: Partial<VolumeRenderOptions> = {},
): VolumeUniformValues {
  const o = { ...VOLUME_RENDER_DEFAULTS, steps: stepsForResolution(volume.resolution), ...options };
  const { min, max } = volume.aabb;
  const diagonal = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  const steps = Math.max(1, Math.min(VOLUME_MAX_STEPS, Math.round(o.steps)));
  return {
    boxMin: [...min],
    boxMax: [...max],
    sigmaScale: volume.maxDensity * o.densityScale,
    stepLength: diagonal / steps,
    steps,
    opacityCutoff: Math.min(1, Math.max(0, o.opacityCutoff)),
    jitter: Math.min(1, Math.max(0, o.jitter)),
  };
}

export const VOLUME_VERTEX_SHADER = /* glsl */ `
out vec3 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

export const VOLUME_FRAGMENT_SHADER = /* glsl */ `
precision highp float;
precision highp sampler3D;
#define MAX_STEPS ${VOLUME_MAX_STEPS}
uniform sampler3D uVolume;
uniform vec3 uBoxMin;
uniform vec3 uBoxMax;
uniform float uSigmaScale;
uniform float uStepLength;
uniform int uSteps;
uniform float uOpacityCutoff;
uniform float uJitter;
in vec3 vWorld;
out vec4 fragColor;

// Slab test: entry and exit distances of the ray o + t d through the box.
vec2 hitBox(vec3 o, vec3 d) {
  vec3 inv = 1.0 / d;
  vec3 t0 = (uBoxMin - o) * inv;
  vec3 t1 = (uBoxMax - o) * inv;
  vec3 lo = min(t0, t1);
  vec3 hi = max(t0, t1);
  return vec2(max(max(lo.x, lo.y), lo.z), min(min(hi.x, hi.y), hi.z));
}

// Interleaved gradient noise (Jimenez 2014): a cheap, stable per-pixel offset.
float pixelNoise(vec2 p) {
  return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

void main() {
  vec3 origin = cameraPosition;
  vec3 dir = normalize(vWorld - cameraPosition);
  vec2 t = hitBox(origin, dir);
  t.x = max(t.x, 0.0);
  if (t.y <= t.x) discard;
  vec3 size = uBoxMax - uBoxMin;
  float dt = uStepLength;
  float tt = t.x + uJitter * pixelNoise(gl_FragCoord.xy) * dt;
  vec3 rgb = vec3(0.0);
  float alpha = 0.0;
  for (int i = 0; i < MAX_STEPS; i++) {
    if (i >= uSteps || tt > t.y) break;
    vec4 s = texture(uVolume, (origin + dir * tt - uBoxMin) / size);
    if (s.a > 0.002) {
      float a = 1.0 - exp(-s.a * uSigmaScale * dt);
      rgb += (1.0 - alpha) * a * min(s.rgb / s.a, vec3(1.0));
      alpha += (1.0 - alpha) * a;
      if (alpha >= uOpacityCutoff) break;
    }
    tt += dt;
  }
  if (alpha < 0.004) discard;
  fragColor = vec4(rgb, alpha);
}
`;

// Shared tiny fixtures for the DFM tests (a 16x16 analytic sphere scene and a tiny config).
import { generateRays, intrinsicsFromFov, lookAt } from '../camera';
import { DFM_DEFAULTS, type DfmConfig } from './config';
import type { TrainView } from './train-step';

export const TINY_SIZE = 16;

export const TINY_CONFIG: Partial<DfmConfig> = {
  imageSize: TINY_SIZE,
  detFeatures: 4,
  encoder: { ...DFM_DEFAULTS.encoder, channels: [8, 16], outChannels: 8, timeEmbedDim: 16, groups: 4 },
  field: { ...DFM_DEFAULTS.field, hidden: 16, posFreqs: 2, timeEmbedDim: 8 },
  render: { ...DFM_DEFAULTS.render, near: 1.8, far: 4.6, samples: 8, importanceSamples: 0, detSamples: 6, detScale: 0.5, chunk: 128 },
  train: { ...DFM_DEFAULTS.train, patchSize: 8, learningRate: 5e-3, contextDropout: 0.1 },
};

/** Analytic scene: a sphere (radius 0.8) coloured by its normal, white background. */
export function sphereView(azimuth: number, size = TINY_SIZE): TrainView {
  const k = intrinsicsFromFov(size, size, 0.8);
  const c2w = lookAt([3.2 * Math.sin(azimuth), 0.6, 3.2 * Math.cos(azimuth)], [0, 0, 0]);
  const rays = generateRays(k, c2w);
  const data = new Float32Array(size * size * 3).fill(1);
  for (let i = 0; i < rays.count; i++) {
    const o = rays.origins.subarray(3 * i, 3 * i + 3); const d = rays.directions.subarray(3 * i, 3 * i + 3);
    const b = o[0] * d[0] + o[1] * d[1] + o[2] * d[2];
    const disc = b * b - (o[0] ** 2 + o[1] ** 2 + o[2] ** 2 - 0.64);
    if (disc < 0) continue;
    const t = -b - Math.sqrt(disc);
    for (let c = 0; c < 3; c++) data[3 * i + c] = 0.5 + 0.5 * ((o[c] + t * d[c]) / 0.8);
  }
  return { image: { width: size, height: size, data }, camera: { intrinsics: k, c2w } };
}

// Test fixtures (not exported from the module index): a tiny prior config and a small fixed dataset.
import type { PriorConfigInput } from './config';
import type { PriorTrainData } from './train-step';

export const TINY_PRIOR: PriorConfigInput = {
  unet: { imageSize: 8, channels: [8, 16], blocksPerLevel: 1, timeFeatures: 16, embedDim: 16, groups: 4, condDim: 3 },
  train: { learningRate: 2e-3, warmupSteps: 0 },
};

/** Four 8x8 images (a bright square on a dark field at different places) with distinct conditions. */
export function tinyData(): PriorTrainData {
  const R = 8;
  const images = new Float32Array(4 * R * R * 3).fill(-0.8);
  const conds: number[][] = [];
  for (let i = 0; i < 4; i++) {
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        const px = ((i * R + y + (i >> 1) * 4) * R + x + (i & 1) * 4) * 3;
        images[px] = 0.9; images[px + 1] = 0.2 * i; images[px + 2] = -0.3;
      }
    }
    const az = (i * Math.PI) / 2;
    conds.push([Math.sin(az), Math.cos(az), 0.2 + 0.1 * i]);
  }
  return { images, conds, count: 4, resolution: R };
}

// Test fixture: the tiny 8x8 image prior (engine/prior/test-fixtures.ts) with random weights in its
// zero-initialised output layers, so its predictions are not trivially 0, written as a .plxm file.
import { writeFile } from 'node:fs/promises';
import { createPriorModel, disposePriorModel, encodePriorModelFile } from '../../../engine/prior';
import { TINY_PRIOR } from '../../../engine/prior/test-fixtures';
import type { Tf } from '../../../engine/tf';

export async function writeTinyPrior(tf: Tf, file: string): Promise<void> {
  const m = createPriorModel(tf, TINY_PRIOR, 7);
  m.store.names().filter((n) => /(^unet\.out|\.film|attn\.out)\.w$/.test(n)).forEach((n, i) => {
    const w = m.store.v(n);
    tf.tidy(() => w.assign(tf.randomNormal(w.shape, 0, 0.2, 'float32', 11 + i)));
  });
  const prov = { dataset: 'none (random test weights)', seed: 7, steps: 0, wallTimeSeconds: 0, hardware: 'test', engineVersion: '0' };
  await writeFile(file, encodePriorModelFile(m, prov));
  disposePriorModel(m);
}

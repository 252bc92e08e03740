// Stop and resume of sampleDdrep: a run stopped after k steps and continued from the state onStop hands
// over (theta in the rep's variables, the managed noise E, the step) ends bit-identical to an uninterrupted
// run with the same seed. The panorama with 2 windows per step and one RePaint repeat uses the view
// generator, so a resume that did not replay it would pick other windows and differ.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COSINE_SCHEDULE_DEFAULTS, makeNoiseSchedule } from '../diffusion';
import { canvasPanorama } from './canvas-panorama';
import { sampleDdrep, type DdrepConfig, type DdrepResumeState } from './ddrep';
import { gaussianPrior } from './test-utils';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const schedule = makeNoiseSchedule(COSINE_SCHEDULE_DEFAULTS);
const CONFIG: Partial<DdrepConfig> = {
  sampler: { kind: 'ddim', steps: 6, eta: 1, temperature: 1, spacing: 'trailing', clipX0: null },
  guidance: 1, viewsPerStep: 2, resample: 1, seed: 9, inner: { solver: 'adam', iterations: 4, lr: 0.05 },
};
const pano = () => canvasPanorama(tf, { height: 4, canvasWidth: 16, viewWidth: 4, conditionOnAzimuth: false });

describe('sampleDdrep stop and resume', () => {
  it('continues where it stopped and ends equal to an uninterrupted run', async () => {
    const prior = gaussianPrior(tf, schedule, [0.2, -0.1, 0.4], [0.5, 0.3, 0.8]);
    const whole = pano();
    const full = await sampleDdrep(tf, whole, prior, CONFIG);
    expect(full.steps).toBe(6);
    const expected = whole.parameters[0].dataSync().slice();
    whole.dispose();

    const before = tf.memory().numTensors;
    const rep = pano();
    let saved: { step: number; noise: tf.Tensor } | null = null;
    let steps = 0;
    const first = await sampleDdrep(tf, rep, prior, CONFIG, {
      onStep: () => { steps += 1; },
      shouldStop: () => steps >= 3,
      onStop: (s: DdrepResumeState) => { saved = { step: s.step, noise: s.noise.clone() }; },
    });
    expect(first).toMatchObject({ stopped: true, steps: 3 });
    expect(saved).not.toBeNull();
    const state = saved as unknown as { step: number; noise: tf.Tensor };
    expect(state.step).toBe(3);
    // Round-trip the state through plain arrays, as a checkpoint file does.
    const theta = rep.parameters[0].dataSync().slice();
    const noise = state.noise.dataSync().slice();
    state.noise.dispose();
    rep.dispose();
    const again = pano();
    tf.tidy(() => again.parameters[0].assign(tf.tensor3d(theta, [4, 16, 3])));
    const E = tf.tensor3d(noise, [4, 16, 3]);
    const rest = await sampleDdrep(tf, again, prior, CONFIG, { resume: { step: 3, noise: E } });
    E.dispose();
    expect(rest).toMatchObject({ stopped: false, steps: 6 });
    expect(rest.losses).toHaveLength(3);
    expect(Array.from(again.parameters[0].dataSync())).toEqual(Array.from(expected));
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a resume state that does not fit the run', async () => {
    const prior = gaussianPrior(tf, schedule, [0, 0, 0], [1, 1, 1]);
    const rep = pano();
    const wrong = tf.zeros([4, 8, 3]);
    await expect(sampleDdrep(tf, rep, prior, CONFIG, { resume: { step: 2, noise: wrong } })).rejects.toThrow(/resume\.noise has shape \[4, 8, 3\]/);
    await expect(sampleDdrep(tf, rep, prior, CONFIG, { resume: { step: 7, noise: wrong } })).rejects.toThrow(/resume\.step must be an integer in \[0, 6\], got 7/);
    wrong.dispose();
    rep.dispose();
  });
});

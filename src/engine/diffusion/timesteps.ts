// Inference timestep grids (descending) over T training steps.
//   trailing (Lin et al. 2024, diffusers "trailing"): T-1, T-1-T/n, ..., T/n-1  (starts at pure noise)
//   leading  (DDIM paper / diffusers "leading"):      (n-1)T/n, ..., T/n, 0
// The step after the last timestep is -1 (abar = 1): the final update returns x0.
import type { TimestepSpacing } from './types';

export function makeTimesteps(trainSteps: number, n: number, spacing: TimestepSpacing): number[] {
  if (!Number.isInteger(n) || n < 1 || n > trainSteps) {
    throw new Error(`diffusion/timesteps.ts: steps must be an integer in [1, ${trainSteps}], got ${n}`);
  }
  const ratio = trainSteps / n;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = spacing === 'trailing'
      ? Math.round(trainSteps - i * ratio) - 1
      : Math.floor((n - 1 - i) * ratio);
    out.push(t);
  }
  for (let i = 1; i < out.length; i++) {
    if (!(out[i] < out[i - 1])) throw new Error(`diffusion/timesteps.ts: non-decreasing grid at ${i}: ${out[i - 1]}, ${out[i]}`);
  }
  return out;
}

export function nextTimestep(timesteps: readonly number[], t: number): number {
  const i = timesteps.indexOf(t);
  if (i < 0) throw new Error(`diffusion/timesteps.ts: timestep ${t} is not in the current grid`);
  return i + 1 < timesteps.length ? timesteps[i + 1] : -1;
}

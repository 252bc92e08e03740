// Build a scheduler from its JSON config.
import type { Tf } from '../tf';
import { DdimScheduler } from './ddim';
import { DdpmScheduler } from './ddpm';
import type { NoiseSchedule } from './schedule';
import type { SamplerConfig, Scheduler } from './types';

export function createScheduler(tf: Tf, schedule: NoiseSchedule, config: SamplerConfig): Scheduler {
  switch (config.kind) {
    case 'ddim': return new DdimScheduler(tf, schedule, config);
    case 'ddpm': return new DdpmScheduler(tf, schedule, config);
    default:
      throw new Error(`diffusion/create.ts: unknown sampler kind ${JSON.stringify((config as { kind: unknown }).kind)}`);
  }
}

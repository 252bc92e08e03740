export {
  makeNoiseSchedule, alphaBarAt, COSINE_SCHEDULE_DEFAULTS, LINEAR_SCHEDULE_DEFAULTS,
} from './schedule';
export type { NoiseSchedule, NoiseScheduleConfig } from './schedule';
export { addNoise } from './add-noise';
export { makeTimesteps, nextTimestep } from './timesteps';
export { DdimScheduler } from './ddim';
export { DdpmScheduler } from './ddpm';
export { createScheduler } from './create';
export { applyGuidance, dropContext } from './guidance';
export { sampleLoop } from './sample-loop';
export type { SampleLoopOptions, DenoiseFn } from './sample-loop';
export { DDIM_DEFAULTS, DDPM_DEFAULTS } from './types';
export type {
  DdimConfig, DdpmConfig, SamplerConfig, TimestepSpacing, Scheduler, SchedulerStepInput, SchedulerStepOutput,
} from './types';

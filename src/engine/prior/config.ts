// The image prior's JSON config (saved in its model file and checkpoints) and its defaults.
//
// Schedule: VP cosine (Nichol & Dhariwal 2021, Eq. 17) with T = 1000. At 32x32 the linear schedule of
// Ho et al. leaves almost no signal in the last ~30% of its steps (Nichol & Dhariwal Fig. 3/5), which
// wastes training steps we cannot afford on a CPU; the cosine schedule spreads the information loss evenly.
// Prediction: epsilon (Ho et al. 2020 Eq. 14, "L_simple"), the parameterisation DDPM/DDIM samplers and
// SDS/SJC were written for; guidedPrediction (ddrep/prior.ts) converts to x0 when a method needs it.
import { COSINE_SCHEDULE_DEFAULTS, type NoiseScheduleConfig } from '../diffusion';

export interface PriorUnetConfig {
  /** Training image size R (images are R x R x 3). Must be divisible by 2^(levels - 1). */
  imageSize: number;
  /** Channels per resolution level; level l runs at R / 2^l. */
  channels: number[];
  /** Residual blocks per level on the way down (the way up has the same number, each with a skip). */
  blocksPerLevel: number;
  /** Width of the sinusoidal timestep features fed to the time MLP. */
  timeFeatures: number;
  /** Width E of the summed time + condition embedding (FiLM input of every block). */
  embedDim: number;
  groups: number;
  /** Length of the view condition [sin az, cos az, elevation] (prior/data.ts priorCondition). */
  condDim: number;
}

export interface PriorTrainConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  emaDecay: number;
  /** Linear learning-rate warm-up over the first steps (0 = none). */
  warmupSteps: number;
  /** Probability that a training example's condition is replaced by the null embedding (CFG, Ho & Salimans 2022). */
  condDropout: number;
}

export interface PriorConfig {
  kind: 'image-prior';
  unet: PriorUnetConfig;
  schedule: NoiseScheduleConfig;
  prediction: 'epsilon';
  train: PriorTrainConfig;
}

export const PRIOR_DEFAULTS: PriorConfig = {
  kind: 'image-prior',
  unet: { imageSize: 32, channels: [32, 64, 128], blocksPerLevel: 1, timeFeatures: 64, embedDim: 128, groups: 8, condDim: 3 },
  schedule: COSINE_SCHEDULE_DEFAULTS,
  prediction: 'epsilon',
  train: { learningRate: 2e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, emaDecay: 0.999, warmupSteps: 200, condDropout: 0.1 },
};

const FILE = 'prior/config.ts';

/** Merge a partial config over the defaults and validate it (messages name the field and value). */
/** A partial config: any field may be left out (the defaults fill it). */
export type PriorConfigInput = Partial<Omit<PriorConfig, 'unet' | 'train'>> & {
  unet?: Partial<PriorUnetConfig>; train?: Partial<PriorTrainConfig>;
};

export function resolvePriorConfig(partial: PriorConfigInput = {}): PriorConfig {
  const c: PriorConfig = {
    ...PRIOR_DEFAULTS, ...partial, kind: 'image-prior',
    unet: { ...PRIOR_DEFAULTS.unet, ...partial.unet },
    train: { ...PRIOR_DEFAULTS.train, ...partial.train },
  };
  const u = c.unet;
  const posInt = (field: string, v: unknown) => {
    if (!Number.isInteger(v) || (v as number) < 1) throw new Error(`${FILE}: ${field} must be a positive integer, got ${JSON.stringify(v)}`);
  };
  posInt('unet.imageSize', u.imageSize);
  if (!Array.isArray(u.channels) || u.channels.length < 1) throw new Error(`${FILE}: unet.channels must be a non-empty array, got ${JSON.stringify(u.channels)}`);
  u.channels.forEach((ch, i) => {
    posInt(`unet.channels[${i}]`, ch);
    if (ch % Math.min(u.groups, ch) !== 0) throw new Error(`${FILE}: unet.channels[${i}] = ${ch} is not divisible into ${u.groups} groups`);
  });
  posInt('unet.blocksPerLevel', u.blocksPerLevel);
  posInt('unet.timeFeatures', u.timeFeatures);
  posInt('unet.embedDim', u.embedDim);
  posInt('unet.groups', u.groups);
  posInt('unet.condDim', u.condDim);
  const div = 2 ** (u.channels.length - 1);
  if (u.imageSize % div !== 0) throw new Error(`${FILE}: unet.imageSize ${u.imageSize} is not divisible by ${div} (${u.channels.length} levels)`);
  if (c.prediction !== 'epsilon') throw new Error(`${FILE}: prediction must be 'epsilon', got ${JSON.stringify(c.prediction)}`);
  const t = c.train;
  if (!(t.learningRate > 0)) throw new Error(`${FILE}: train.learningRate must be > 0, got ${t.learningRate}`);
  if (!(t.emaDecay >= 0 && t.emaDecay < 1)) throw new Error(`${FILE}: train.emaDecay must be in [0, 1), got ${t.emaDecay}`);
  if (!(Number.isInteger(t.warmupSteps) && t.warmupSteps >= 0)) throw new Error(`${FILE}: train.warmupSteps must be an integer >= 0, got ${t.warmupSteps}`);
  if (!(t.condDropout >= 0 && t.condDropout <= 1)) throw new Error(`${FILE}: train.condDropout must be in [0, 1], got ${t.condDropout}`);
  return c;
}

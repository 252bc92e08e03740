// DFM model configuration: CPU-trainable defaults and the paper-scale preset.
// Paper values (supplement Sec. 2.1/2.4): 24x24 training patches, Adam lr 2e-5, batch 24,
// 64 coarse + 64 fine samples for the output, 32 coarse samples for O_det, loss weights
// 0.2 LPIPS and 0.02 L_depth (= L_eas + L_dist), 50 DDIM steps, guidance 2 with 10% context dropout
// (RealEstate10k), 10k warm-up iterations of the deterministic part (Co3D).
import { COSINE_SCHEDULE_DEFAULTS, DDIM_DEFAULTS, type NoiseScheduleConfig, type SamplerConfig } from '../diffusion';
import { ENCODER_DEFAULTS, PIXEL_FIELD_DEFAULTS, type EncoderConfig, type PixelFieldConfig } from '../fields';

export interface DfmRenderConfig {
  near: number;
  far: number;
  /** Coarse samples per ray for the generated view (paper: 64). */
  samples: number;
  /** Hierarchical samples per ray for the generated view (paper: 64). */
  importanceSamples: number;
  /** Coarse samples per ray for O_det (paper: 32). */
  detSamples: number;
  /** O_det is rendered at imageSize * detScale and resized bilinearly (paper: 1). */
  detScale: number;
  background: [number, number, number];
  /** Rays per chunk when rendering whole images. */
  chunk: number;
}

export interface DfmLossWeights {
  target: number; // Eq. 8
  novel: number; // Eq. 9
  cond: number; // supplement Eq. 10, on O_det colour
  depth: number; // L_depth = L_eas + L_dist (supplement Eq. 9), paper 0.02
  /** LPIPS weight (paper 0.2); needs a pretrained network we do not ship: must stay 0 here. */
  lpips: number;
}

export interface DfmTrainConfig {
  patchSize: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  emaDecay: number;
  /** Probability of zeroing the context for classifier-free guidance (paper: 0.1). */
  contextDropout: number;
  /** Steps of deterministic (pixelNeRF) warm-up before the diffusion loss (paper Co3D: 10k). */
  warmupSteps: number;
  weights: DfmLossWeights;
}

export interface DfmConfig {
  /** Square image side the model runs at (paper: 64, then 128). */
  imageSize: number;
  /** Channels F_d of the rendered O_det feature map. */
  detFeatures: number;
  /** enc_t; inChannels is derived: 3 (noisy target) + 3 + 1 + detFeatures (O_det). */
  encoder: Omit<EncoderConfig, 'inChannels'>;
  /** The radiance-field MLP (featureDim = encoder.outChannels, outFeatures = detFeatures). */
  field: Omit<PixelFieldConfig, 'featureDim' | 'outFeatures'>;
  render: DfmRenderConfig;
  schedule: NoiseScheduleConfig;
  sampler: SamplerConfig;
  /** Classifier-free guidance weight w: x0 = x0_u + w (x0_c - x0_u); 1 disables guidance. */
  guidance: number;
  train: DfmTrainConfig;
}

const { inChannels: _in, ...encoderRest } = ENCODER_DEFAULTS;
const { featureDim: _fd, outFeatures: _of, ...fieldRest } = PIXEL_FIELD_DEFAULTS;

export const DFM_DEFAULTS: DfmConfig = {
  imageSize: 64,
  detFeatures: 8,
  encoder: { ...encoderRest, channels: [32, 64], outChannels: 32, timeEmbedDim: 64, groups: 8, conv: 'im2col' },
  field: { ...fieldRest, hidden: 64, trunkLayers: 2, headLayers: 1, posFreqs: 6, timeEmbedDim: 32 },
  render: { near: 2, far: 6, samples: 24, importanceSamples: 0, detSamples: 16, detScale: 0.5, background: [1, 1, 1], chunk: 1024 },
  schedule: { ...COSINE_SCHEDULE_DEFAULTS },
  sampler: { ...DDIM_DEFAULTS, steps: 50, eta: 0 },
  guidance: 1,
  train: {
    patchSize: 24, learningRate: 5e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, emaDecay: 0.995,
    contextDropout: 0.1, warmupSteps: 0,
    weights: { target: 1, novel: 1, cond: 1, depth: 0.02, lpips: 0 },
  },
};

/**
 * The shipped default model (procedural toy category of src/engine/data at 64x64: cameras at
 * radius 2.2 around an object inside the unit sphere, white background), trained on one CPU core.
 */
export const DFM_TOY_PRESET: DfmConfig = {
  ...DFM_DEFAULTS,
  render: { ...DFM_DEFAULTS.render, near: 1.2, far: 3.2 },
  train: { ...DFM_DEFAULTS.train, warmupSteps: 200 },
};

/** Paper scale (GPU): wider encoder/MLP, 64+64 samples, full-resolution O_det, lr 2e-5, guidance 2. */
export const DFM_PAPER_PRESET: DfmConfig = {
  ...DFM_DEFAULTS,
  detFeatures: 64,
  encoder: { ...DFM_DEFAULTS.encoder, channels: [128, 256, 512], outChannels: 512, timeEmbedDim: 256, groups: 32, conv: 'native' },
  field: { ...DFM_DEFAULTS.field, hidden: 512, trunkLayers: 3, headLayers: 2, posFreqs: 6, timeEmbedDim: 128 },
  render: { ...DFM_DEFAULTS.render, samples: 64, importanceSamples: 64, detSamples: 32, detScale: 1, chunk: 4096 },
  guidance: 2,
  train: {
    ...DFM_DEFAULTS.train, learningRate: 2e-5, emaDecay: 0.999, contextDropout: 0.1, warmupSteps: 10000,
    weights: { ...DFM_DEFAULTS.train.weights },
  },
};

/** Merge a partial config (one level deep for the nested groups) and validate it. */
export function resolveDfmConfig(partial: Partial<DfmConfig> = {}, base: DfmConfig = DFM_DEFAULTS): DfmConfig {
  const c: DfmConfig = {
    ...base, ...partial,
    encoder: { ...base.encoder, ...partial.encoder },
    field: { ...base.field, ...partial.field },
    render: { ...base.render, ...partial.render },
    train: { ...base.train, ...partial.train, weights: { ...base.train.weights, ...partial.train?.weights } },
  };
  const bad = (field: string, v: unknown, want: string) => new Error(`dfm/config.ts: ${field} must be ${want}, got ${JSON.stringify(v)}`);
  const div = 2 ** (c.encoder.channels.length - 1);
  if (!Number.isInteger(c.imageSize) || c.imageSize < 4 || c.imageSize % div !== 0) throw bad('imageSize', c.imageSize, `an integer >= 4 divisible by ${div}`);
  const detSide = c.imageSize * c.render.detScale;
  if (!(c.render.detScale > 0 && c.render.detScale <= 1) || !Number.isInteger(detSide)) throw bad('render.detScale', c.render.detScale, 'in (0, 1] giving an integer size');
  if (!(c.render.far > c.render.near && c.render.near >= 0)) throw bad('render.far', c.render.far, `> near (${c.render.near})`);
  if (!Number.isInteger(c.train.patchSize) || c.train.patchSize < 2 || c.train.patchSize > c.imageSize) throw bad('train.patchSize', c.train.patchSize, `an integer in [2, ${c.imageSize}]`);
  if (c.train.weights.lpips !== 0) throw bad('train.weights.lpips', c.train.weights.lpips, '0 (LPIPS needs pretrained VGG weights, not shipped)');
  if (!(c.train.contextDropout >= 0 && c.train.contextDropout <= 1)) throw bad('train.contextDropout', c.train.contextDropout, 'in [0, 1]');
  if (!Number.isFinite(c.guidance)) throw bad('guidance', c.guidance, 'a finite number');
  return c;
}

export function encoderConfigOf(c: DfmConfig): EncoderConfig {
  return { ...c.encoder, inChannels: 3 + 3 + 1 + c.detFeatures };
}

export function fieldConfigOf(c: DfmConfig): PixelFieldConfig {
  return { ...c.field, featureDim: c.encoder.outChannels, outFeatures: c.detFeatures };
}

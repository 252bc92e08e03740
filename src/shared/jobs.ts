// Job specs, records and progress events. Specs are JSON-serialisable discriminated unions so
// they cross IPC/HTTP and are saved with every job and every result.
import { z } from 'zod';
import { DdrepJobSpecSchema } from './ddrep-contract';
import { ItemIdSchema, type ItemKind } from './records';
import { SCENE_POOLINGS, UNRECORDED_SCENE_POOLING } from './scene-pooling';

export const BackendNameSchema = z.enum(['tensorflow', 'webgpu', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendNameSchema>;
export const BackendChoiceSchema = z.union([z.literal('auto'), BackendNameSchema]);
export type BackendChoice = z.infer<typeof BackendChoiceSchema>;

export const QualityPresetSchema = z.enum(['draft', 'standard', 'high']);
export type QualityPreset = z.infer<typeof QualityPresetSchema>;

/** How a fit reconstructs: 'voxels', the voxel radiance field (meshes, volume); 'splats', 3D Gaussian splatting. */
export const FIT_METHODS = ['voxels', 'splats'] as const;
export const FitMethodSchema = z.enum(FIT_METHODS);
export type FitMethod = z.infer<typeof FitMethodSchema>;
/** The preset a voxel fit uses when the spec names none. */
export const DEFAULT_FIT_PRESET: QualityPreset = 'standard';
/**
 * How a voxel fit parameterises the scene: 'auto' decides from the cameras, sparse points and image
 * borders; 'object' is a bounded box on a plain backdrop; 'unbounded' contracts a 360° background;
 * 'forward-facing' uses NDC (LLFF-style captures).
 */
export const FIT_SCENE_TYPES = ['auto', 'object', 'unbounded', 'forward-facing'] as const;
export const FitSceneTypeSchema = z.enum(FIT_SCENE_TYPES);
export type FitSceneType = z.infer<typeof FitSceneTypeSchema>;

export const FitJobSpecSchema = z.object({
  kind: z.literal('fit'),
  captureId: ItemIdSchema,
  /** Absent in specs saved before the choice existed: those were voxel fits. */
  method: FitMethodSchema.default('voxels'),
  /** Voxels only: the grid preset (absent: DEFAULT_FIT_PRESET). A splat fit refuses it. */
  preset: QualityPresetSchema.optional(),
  /** Wall-clock budget for optimisation, minutes. */
  minutes: z.number().positive().max(24 * 60).default(5),
  /** Splats only: training iterations (the densification schedule scales with it; absent: the trainer's default). */
  iterations: z.number().int().min(1).max(1_000_000).optional(),
  /** Voxels only: the scene type (absent: 'auto'). A splat fit refuses it. */
  sceneType: FitSceneTypeSchema.optional(),
  sceneName: z.string().trim().min(1).max(120).optional(),
}).superRefine((spec, ctx) => {
  // Options of the other method are refused rather than ignored, so a request never silently
  // runs with settings it did not ask for.
  if (spec.method === 'splats' && spec.preset !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['preset'], message: 'applies only to method "voxels" (a Gaussian splat fit has no grid preset; set iterations and minutes instead)' });
  }
  if (spec.method === 'splats' && spec.sceneType !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['sceneType'], message: 'applies only to method "voxels" (Gaussian splats place themselves from the sparse points)' });
  }
  if (spec.method === 'voxels' && spec.iterations !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['iterations'], message: 'applies only to method "splats" (a voxel fit is set by preset and minutes)' });
  }
});

export const ExportJobSpecSchema = z.object({
  kind: z.literal('export'),
  sceneId: ItemIdSchema,
  /**
   * glb: textured/vertex-coloured mesh; ply: mesh; ply-points: the baked field's occupied voxels as
   * coloured points; turntable: PNG frames of an orbit around the scene. Splat scenes offer ply (3DGS
   * .ply), glb (KHR_gaussian_splatting), spz and splat.
   */
  format: z.enum(['glb', 'ply', 'ply-points', 'turntable', 'spz', 'splat']),
  /** glb only: 'plain' (default, opens everywhere) or 'web' (quantized + meshopt-compressed). */
  preset: z.enum(['plain', 'web']).default('plain'),
  unlit: z.boolean().default(false),
  /** turntable only: frame count and square frame size in pixels. */
  frames: z.number().int().min(4).max(360).default(36),
  size: z.number().int().min(32).max(1024).default(256),
});

export const TrainJobSpecSchema = z.object({
  kind: z.literal('train'),
  captureIds: z.array(ItemIdSchema).min(1).max(10_000),
  baseModelId: ItemIdSchema.optional(),
  steps: z.number().int().positive().max(10_000_000).default(200),
  modelName: z.string().trim().min(1).max(120).optional(),
});

export const SampleJobSpecSchema = z.object({
  kind: z.literal('sample'),
  /** Capture holding the photo (first image used) — the studio imports single photos as captures. */
  captureId: ItemIdSchema,
  modelId: ItemIdSchema.optional(),
  samples: z.number().int().min(1).max(16).default(4),
  steps: z.number().int().min(1).max(1000).default(50),
  guidance: z.number().min(0).max(20).default(0),
  /** Scales the injected noise of the sampler (1 = the paper's sampler). */
  temperature: z.number().min(0).max(2).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  path: z.enum(['orbit', 'forward', 'autoregressive']).default('orbit'),
  /** How the finished scenes combine their views (src/engine/dfm/pooling.ts). Absent only in specs saved before
   *  the choice existed, which ran with the mean; new requests carry it (the form sends DEFAULT_SCENE_POOLING). */
  pooling: z.enum(SCENE_POOLINGS).default(UNRECORDED_SCENE_POOLING),
});

/** Matchers of the poses job: 'auto' picks sequential for video frames, exhaustive for photos. */
export const POSES_MATCHERS = ['auto', 'exhaustive', 'sequential'] as const;

/**
 * Estimate camera poses (COLMAP) for an unposed capture: a folder of photos ('images' format) or a
 * video ('video' format). The result is a NEW posed capture; the source capture is never modified.
 */
export const PosesJobSpecSchema = z.object({
  kind: z.literal('poses'),
  captureId: ItemIdSchema,
  matcher: z.enum(POSES_MATCHERS).default('auto'),
  /** Longest image side the photos are downscaled to before feature extraction, pixels. */
  maxSize: z.number().int().min(64).max(8192).default(1600),
  /** Video only: how many of the sharpest frames, spread over the video, to pose. */
  frames: z.number().int().min(3).max(2000).default(64),
  captureName: z.string().trim().min(1).max(120).optional(),
});

export const JobSpecSchema = z.discriminatedUnion('kind', [
  FitJobSpecSchema, ExportJobSpecSchema, TrainJobSpecSchema, SampleJobSpecSchema, PosesJobSpecSchema, DdrepJobSpecSchema,
]);
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobSpecInput = z.input<typeof JobSpecSchema>;
export type JobKind = JobSpec['kind'];

/** The kind of workspace item a job of each kind commits as its results (its resultIds). */
export const JOB_RESULT_KIND: Readonly<Record<JobKind, ItemKind>> = {
  fit: 'scene', export: 'export', train: 'model', sample: 'scene', poses: 'capture', ddrep: 'scene',
};

export const JobStateSchema = z.enum([
  'queued', 'running', 'cancelling', 'cancelled', 'failed', 'interrupted', 'succeeded',
]);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobProgressSchema = z.object({
  step: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  /** Named loss terms and metrics (loss, psnr, ...). */
  losses: z.record(z.string(), z.number()).default({}),
  etaSeconds: z.number().nonnegative().nullable().default(null),
  /** Workspace-relative path of the latest preview PNG, if any. */
  preview: z.string().optional(),
  message: z.string().optional(),
  /** Jobs with named stages (poses: frames, features, matching, mapping...): the current one; step/total count within it. */
  stage: z.string().max(40).optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobRecordSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^job-[a-z0-9-]{1,64}$/),
  spec: JobSpecSchema,
  state: JobStateSchema,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  progress: JobProgressSchema.nullable().default(null),
  /** Step of the last complete checkpoint; resume continues from here. */
  checkpointStep: z.number().int().nonnegative().nullable().default(null),
  error: z.string().nullable().default(null),
  /** Items the job produced (e.g. the scene id). */
  resultIds: z.array(z.string()).default([]),
  backend: z.string().nullable().default(null),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

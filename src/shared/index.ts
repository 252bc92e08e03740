export {
  STUDIO_METHODS, STUDIO_METHOD_NAMES, StudioEventSchema, StudioErrorSchema, StudioError,
  EngineInfoSchema, StudioStatusSchema, CaptureCamerasSchema, UploadIdSchema, ItemFileSchema, ipcChannel, IPC_EVENT_CHANNEL, parseArgs,
} from './api';
export type {
  StudioApi, StudioArgs, StudioResult, StudioMethodName, StudioEvent, EngineInfo, StudioErrorPayload,
  StudioStatus, CaptureCameras,
} from './api';
export {
  MANIFEST_SCHEMA_VERSION, ItemIdSchema, ItemKindSchema, ItemNameSchema, KIND_FOLDERS,
  CaptureFormatSchema, CaptureManifestSchema, PoseEstimateSchema, ModelManifestSchema, SceneManifestSchema,
  ExportManifestSchema, ManifestSchema, WorkspaceItemSchema, TrashEntrySchema,
} from './records';
export type {
  ItemId, ItemKind, CaptureFormat, CaptureManifest, PoseEstimate, ModelManifest, SceneManifest, ExportManifest,
  Manifest, WorkspaceItem, TrashEntry,
} from './records';
export {
  BackendNameSchema, BackendChoiceSchema, QualityPresetSchema, FIT_METHODS, FitMethodSchema, DEFAULT_FIT_PRESET, FIT_SCENE_TYPES, FitSceneTypeSchema, FitJobSpecSchema, ExportJobSpecSchema,
  TrainJobSpecSchema, SampleJobSpecSchema, PosesJobSpecSchema, POSES_MATCHERS, JobSpecSchema, JobStateSchema, JobProgressSchema, JobRecordSchema,
  JOB_RESULT_KIND,
} from './jobs';
export type {
  BackendName, BackendChoice, QualityPreset, FitMethod, FitSceneType, JobSpec, JobSpecInput, JobKind, JobState, JobProgress, JobRecord,
} from './jobs';
export { SCENE_POOLINGS, DEFAULT_SCENE_POOLING, UNRECORDED_SCENE_POOLING, type ScenePooling } from './scene-pooling';
export { SPLAT_ITERATION_DEFAULTS, SPLAT_AUTO_ITERATIONS_LABEL } from './splat-defaults';
export { CropBoxSchema, effectiveCropBox, insideCropBox, type CropBox } from './crop-box';
export {
  ModelRefArgsSchema, ModelDomainSchema, DomainExampleSchema, CheckPhotoDomainArgsSchema, PhotoDomainCheckSchema,
  DomainFeatureSchema, ImportDomainExampleArgsSchema, DOMAIN_EXAMPLE_COUNT,
} from './model-domain';
export type { ModelDomain, DomainExample, PhotoDomainCheck } from './model-domain';
export {
  DDREP_METHODS, DDREP_STUDIO_REPS, DDREP_REP_CHOICES, DDREP_METHOD_CHOICES, DDREP_METHOD_LABEL, DDREP_FORM_DEFAULTS, DDREP_MAX_SAMPLES, DDREP_FIELD_STEPS, DDREP_FIELD_COST, DDREP_FIELD_PHOTO_COST,
  DdrepJobSpecSchema,
} from './ddrep-contract';
export type { DdrepMethod, DdrepStudioRep, DdrepJobSpec } from './ddrep-contract';
export { SCENE_REPRESENTATIONS, type SceneRepresentation } from './records';

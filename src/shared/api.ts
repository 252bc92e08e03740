// The StudioApi contract: every method the renderer may call, with a zod schema for its
// argument and its result, and every event the backend pushes. Electron IPC, the web-mode
// HTTP/WebSocket transport and the preload bridge are all derived from this one table.
import { z } from 'zod';
import {
  CaptureFormatSchema, ItemIdSchema, ItemKindSchema, ItemNameSchema, TrashEntrySchema, WorkspaceItemSchema,
} from './records';
import { CropBoxSchema } from './crop-box';
import { BackendNameSchema, JobProgressSchema, JobRecordSchema, JobSpecSchema } from './jobs';
import {
  CheckPhotoDomainArgsSchema, ImportDomainExampleArgsSchema, ModelDomainSchema, ModelRefArgsSchema, PhotoDomainCheckSchema,
} from './model-domain';

export const EngineInfoSchema = z.object({
  version: z.string(),
  backend: BackendNameSchema,
  /** Human-readable adapter description ("lavapipe (Vulkan)", "wasm SIMD, 2 threads"...). */
  adapter: z.string(),
  workspace: z.string(),
  host: z.enum(['electron', 'web']),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;

/** Process and machine memory, for the status bar (engine workers are threads of this process). */
export const StudioStatusSchema = z.object({
  rssBytes: z.number().nonnegative(),
  heapUsedBytes: z.number().nonnegative(),
  /** Memory held outside the JS heap (tfjs wasm heaps, image buffers). */
  externalBytes: z.number().nonnegative(),
  freeSystemBytes: z.number().nonnegative(),
  totalSystemBytes: z.number().nonnegative(),
});
export type StudioStatus = z.infer<typeof StudioStatusSchema>;

const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]);

/** A capture's posed cameras, for the frustum preview (OpenGL camera-to-world, column-major 4x4). */
export const CaptureCamerasSchema = z.object({
  format: CaptureFormatSchema,
  views: z.array(z.object({
    file: z.string(),
    split: z.enum(['train', 'val', 'test']).optional(),
    c2w: z.array(z.number()).length(16),
    width: z.number().positive(),
    height: z.number().positive(),
    fx: z.number().positive(),
    fy: z.number().positive(),
    cx: z.number(),
    cy: z.number(),
  })),
  aabb: z.object({ min: Vec3Schema, max: Vec3Schema }).optional(),
});
export type CaptureCameras = z.infer<typeof CaptureCamerasSchema>;

/** Files uploaded through web mode's POST /upload land in a staging folder named by this id. */
export const UploadIdSchema = z.string().regex(/^upload-[a-z0-9]{8,64}$/, 'must be an upload id from POST /upload');

/** A file inside an item folder: relative, no `..`, no absolute paths. */
export const ItemFileSchema = z.string().min(1).max(1024)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((seg) => seg === '..' || seg === ''), 'must be a relative path inside the item folder');

const ItemRefSchema = z.object({ kind: ItemKindSchema, id: ItemIdSchema }).strict();
const JobRefSchema = z.object({ jobId: z.string().regex(/^job-[a-z0-9-]{1,64}$/) }).strict();
const Empty = z.object({}).strict();

/**
 * One entry per method. `args` validates the single argument object; `result` describes
 * what comes back. Handlers on every transport must parse `args` before acting.
 */
export const STUDIO_METHODS = {
  getInfo: { args: Empty, result: EngineInfoSchema },
  listItems: {
    args: z.object({ kind: ItemKindSchema.optional() }).strict(),
    result: z.array(WorkspaceItemSchema),
  },
  getItem: { args: ItemRefSchema, result: WorkspaceItemSchema },
  renameItem: {
    args: z.object({ kind: ItemKindSchema, id: ItemIdSchema, name: ItemNameSchema }).strict(),
    result: WorkspaceItemSchema,
  },
  deleteItem: { args: ItemRefSchema, result: TrashEntrySchema },
  listTrash: { args: Empty, result: z.array(TrashEntrySchema) },
  restoreItem: {
    args: z.object({ trashId: z.string().regex(/^[a-z0-9-]{1,128}$/) }).strict(),
    result: WorkspaceItemSchema,
  },
  /**
   * Import a capture: a folder (any format the engine reads), a single photo, or a .zip of either,
   * given as a path on the backend's machine (desktop, CLI) or as the id of files uploaded to web
   * mode's POST /upload. Exactly one of `path` and `uploadId`.
   */
  importCapture: {
    args: z.object({
      path: z.string().min(1).max(4096).optional(),
      uploadId: UploadIdSchema.optional(),
      name: ItemNameSchema.optional(),
    }).strict().refine((a) => (a.path === undefined) !== (a.uploadId === undefined), {
      message: 'give exactly one of path and uploadId', path: ['path'],
    }),
    result: WorkspaceItemSchema,
  },
  /** Import the small procedural capture bundled with the app. */
  importSampleCapture: { args: Empty, result: WorkspaceItemSchema },
  /** Add the shipped default DFM model to the workspace as a model item (idempotent: returns the existing one). */
  importDefaultModel: { args: Empty, result: WorkspaceItemSchema },
  /** What a generative model was trained on (category, resolution, steps) with example photos from its domain. */
  getModelDomain: { args: ModelRefArgsSchema, result: ModelDomainSchema },
  /** How far a capture's photo (its first image) is from a model's training domain, with the reasons. */
  checkPhotoDomain: { args: CheckPhotoDomainArgsSchema, result: PhotoDomainCheckSchema },
  /** Add one of a model's example photos to the workspace as a capture (idempotent), to use as the photo. */
  importDomainExample: { args: ImportDomainExampleArgsSchema, result: WorkspaceItemSchema },
  /** Posed cameras of an imported capture, for the 3D frustum preview. */
  getCaptureCameras: { args: z.object({ id: ItemIdSchema }).strict(), result: CaptureCamerasSchema },
  /**
   * Set (or, with null, clear) a scene's crop box: the object of interest that mesh extraction and
   * the GLB/PLY exports keep. Written atomically into the scene's manifest.
   */
  setSceneCropBox: {
    args: z.object({ id: ItemIdSchema, cropBox: CropBoxSchema.nullable() }).strict(),
    result: WorkspaceItemSchema,
  },
  /** Memory figures for the status bar. */
  getStatus: { args: Empty, result: StudioStatusSchema },
  /**
   * Desktop only: show a save dialog and copy one file of an item there. Resolves { path: null } if
   * the user cancels. Web mode rejects it (code 'forbidden'); the UI offers a download instead.
   */
  saveItemFile: {
    args: z.object({ kind: ItemKindSchema, id: ItemIdSchema, file: ItemFileSchema }).strict(),
    result: z.object({ path: z.string().nullable() }),
  },
  startJob: { args: JobSpecSchema, result: JobRecordSchema },
  listJobs: { args: Empty, result: z.array(JobRecordSchema) },
  cancelJob: { args: JobRefSchema, result: JobRecordSchema },
  resumeJob: { args: JobRefSchema, result: JobRecordSchema },
} as const;

export type StudioMethodName = keyof typeof STUDIO_METHODS;
export const STUDIO_METHOD_NAMES = Object.keys(STUDIO_METHODS) as StudioMethodName[];
export type StudioArgs<M extends StudioMethodName> = z.input<(typeof STUDIO_METHODS)[M]['args']>;
export type StudioResult<M extends StudioMethodName> = z.infer<(typeof STUDIO_METHODS)[M]['result']>;

/** Events pushed from the backend to every connected UI. */
export const StudioEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobRecordSchema }),
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: JobProgressSchema }),
  z.object({ type: z.literal('workspace'), kind: ItemKindSchema.optional() }),
]);
export type StudioEvent = z.infer<typeof StudioEventSchema>;

/** The API as the renderer sees it: one async function per method, plus an event stream. */
export type StudioApi = {
  [M in StudioMethodName]: (args: StudioArgs<M>) => Promise<StudioResult<M>>;
} & {
  onEvent(listener: (event: StudioEvent) => void): () => void;
};

/** IPC channel names: one per method, never a generic channel. */
export const ipcChannel = (method: StudioMethodName): string => `parallax:${method}`;
export const IPC_EVENT_CHANNEL = 'parallax:event';

/** Error shape that crosses transports; `field` names the offending argument when known. */
export const StudioErrorSchema = z.object({
  code: z.enum(['invalid-argument', 'not-found', 'conflict', 'forbidden', 'internal']),
  message: z.string(),
  field: z.string().optional(),
});
export type StudioErrorPayload = z.infer<typeof StudioErrorSchema>;

export class StudioError extends Error {
  constructor(
    readonly code: StudioErrorPayload['code'],
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
  toPayload(): StudioErrorPayload {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** Parse a method's argument, turning zod issues into a StudioError naming the field. */
export function parseArgs<M extends StudioMethodName>(method: M, raw: unknown) {
  const result = STUDIO_METHODS[method].args.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    // Unknown keys are reported on the object itself; name the offending key(s) instead.
    const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.join(',') : '';
    const field = [...(issue?.path ?? []), ...(keys ? [keys] : [])].join('.') || '(argument)';
    let bad: unknown = raw ?? {};
    for (const key of issue?.path ?? []) bad = bad !== null && typeof bad === 'object' ? (bad as Record<PropertyKey, unknown>)[key] : undefined;
    const got = keys || bad === undefined ? '' : ` (got ${JSON.stringify(bad)?.slice(0, 80) ?? String(bad)})`;
    throw new StudioError('invalid-argument', `${method}: ${field}: ${issue?.message ?? 'invalid'}${got}`, field);
  }
  return result.data as z.infer<(typeof STUDIO_METHODS)[M]['args']>;
}

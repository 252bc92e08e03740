// Stored records: every manifest.json in the workspace is validated with these schemas on read.
// Each manifest carries `schemaVersion`; bump it (and add a migration) when a record changes.
import { z } from 'zod';
import { CropBoxSchema } from './crop-box';

export const MANIFEST_SCHEMA_VERSION = 1;

/** Workspace item ids are folder names: short, lowercase, no path separators. */
export const ItemIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1-64 lowercase letters, digits or dashes');
export type ItemId = z.infer<typeof ItemIdSchema>;

export const ItemKindSchema = z.enum(['capture', 'model', 'scene', 'export']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** Folder of the workspace that holds each kind of item. */
export const KIND_FOLDERS: Record<ItemKind, string> = {
  capture: 'captures',
  model: 'models',
  scene: 'scenes',
  export: 'exports',
};

export const ItemNameSchema = z.string().trim().min(1).max(120);

const manifestBase = {
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  id: ItemIdSchema,
  name: ItemNameSchema,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** Relative path (inside the item folder) of a PNG thumbnail, if any. */
  thumbnail: z.string().optional(),
};

/** 'images': photos without poses; 'video': one video file without poses (both: Estimate camera poses). */
export const CaptureFormatSchema = z.enum([
  'blender', 'nerfstudio', 'instant-ngp', 'colmap', 'llff', 'images', 'video',
]);
export type CaptureFormat = z.infer<typeof CaptureFormatSchema>;

/** The outcome of pose estimation, stored on the posed capture it produced. File names are the source's. */
export const PoseEstimateSchema = z.object({
  /** The unposed capture the poses were estimated from. */
  sourceCaptureId: z.string(),
  /** Images given to COLMAP (after skipping unreadable files; video: frames chosen). */
  imageCount: z.number().int().nonnegative(),
  registered: z.number().int().nonnegative(),
  /** Images COLMAP could not register, by file. */
  unregistered: z.array(z.string()).default([]),
  /** Files skipped before posing (not a readable image...), with the reason. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })).default([]),
  meanReprojectionError: z.number().nonnegative(),
  /** Sparse 3D points triangulated (sparse_points.ply). */
  points: z.number().int().nonnegative(),
  matcher: z.string(),
  seconds: z.number().nonnegative(),
});
export type PoseEstimate = z.infer<typeof PoseEstimateSchema>;

export const CaptureManifestSchema = z.object({
  ...manifestBase,
  kind: z.literal('capture'),
  format: CaptureFormatSchema,
  /** Path of the capture's root inside the item folder (the imported copy). */
  root: z.string(),
  imageCount: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  source: z.string().optional(),
  warnings: z.array(z.string()).default([]),
  /** Captures made by a poses job: what structure-from-motion registered (see PoseEstimateSchema). */
  poses: PoseEstimateSchema.optional(),
});
export type CaptureManifest = z.infer<typeof CaptureManifestSchema>;

export const ModelManifestSchema = z.object({
  ...manifestBase,
  kind: z.literal('model'),
  /** Model file name inside the item folder. */
  file: z.string(),
  method: z.enum(['dfm', 'pixelnerf']),
  provenance: z.record(z.string(), z.unknown()).default({}),
});
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

/**
 * What a scene item holds: 'field' (absent in older manifests) a 3D radiance field or splats for the 3D
 * viewer and export; 'image' a single picture (a SIREN sample) and 'panorama' a wrap-around strip, both
 * shown as images (files.preview is the picture) and not exportable as 3D.
 */
export const SCENE_REPRESENTATIONS = ['field', 'image', 'panorama'] as const;
export type SceneRepresentation = (typeof SCENE_REPRESENTATIONS)[number];

export const SceneManifestSchema = z.object({
  ...manifestBase,
  kind: z.literal('scene'),
  /** How the scene was made: per-scene reconstruction or a generated sample. */
  origin: z.enum(['reconstruction', 'sample']),
  /** What the scene holds (absent: 'field', a 3D scene); image and panorama scenes are pictures (DDRep samples). */
  representation: z.enum(SCENE_REPRESENTATIONS).optional(),
  sourceId: z.string().optional(),
  /** Files inside the item folder. */
  files: z.object({
    field: z.string().optional(),
    mesh: z.string().optional(),
    preview: z.string().optional(),
    /** Baked radiance field for the viewer's volume ray marcher (src/shared/volume-file.ts). */
    volume: z.string().optional(),
    /** Generated scenes: per-pixel standard deviation across the sibling samples (PNG). */
    variance: z.string().optional(),
    /** Reconstructions of posed real captures: the capture's sparse points in the scene's world (PLY). */
    sparsePoints: z.string().optional(),
    /** DDRep samples: the per-step preview strip (PNG, the estimate at evenly spaced steps). */
    steps: z.string().optional(),
  }),
  /** The object of interest (world units); mesh extraction and GLB/PLY export keep only what is inside. */
  cropBox: CropBoxSchema.optional(),
  metrics: z.record(z.string(), z.number()).default({}),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type SceneManifest = z.infer<typeof SceneManifestSchema>;

export const ExportManifestSchema = z.object({
  ...manifestBase,
  kind: z.literal('export'),
  /** splat-ply / splat-glb / spz / splat: Gaussian splat files of a splat scene (KHR_gaussian_splatting for GLB). */
  format: z.enum(['glb', 'glb-web', 'ply', 'ply-points', 'png-frames', 'splat-ply', 'splat-glb', 'spz', 'splat']),
  sourceId: z.string(),
  files: z.array(z.string()),
  /** What validated the files before the export was reported done (e.g. "gltf-validator: 0 errors"). */
  validation: z.string().optional(),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

export const ManifestSchema = z.discriminatedUnion('kind', [
  CaptureManifestSchema, ModelManifestSchema, SceneManifestSchema, ExportManifestSchema,
]);
export type Manifest = z.infer<typeof ManifestSchema>;

/** What the gallery lists: a valid manifest, or a damaged folder with the reason. */
export const WorkspaceItemSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), kind: ItemKindSchema, id: z.string(), manifest: ManifestSchema }),
  z.object({ status: z.literal('damaged'), kind: ItemKindSchema, id: z.string(), reason: z.string() }),
]);
export type WorkspaceItem = z.infer<typeof WorkspaceItemSchema>;

export const TrashEntrySchema = z.object({
  trashId: z.string(),
  kind: ItemKindSchema,
  id: z.string(),
  name: z.string(),
  deletedAt: z.string().datetime(),
});
export type TrashEntry = z.infer<typeof TrashEntrySchema>;

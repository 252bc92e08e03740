// The contract for "what a model knows": the training domain of a generative model (from its
// model file's provenance), example photos from that domain, and the domain check of a photo.
import { z } from 'zod';
import { ItemIdSchema } from './records';

/**
 * A model: a workspace model item, or (no id) the shipped default DFM model; `prior: true` names the
 * shipped image prior of DDRep/SDS/SJC instead (it has no workspace items, so it takes no modelId).
 */
export const ModelRefArgsSchema = z.object({ modelId: ItemIdSchema.optional(), prior: z.literal(true).optional() }).strict()
  .refine((a) => !(a.prior && a.modelId), { path: ['modelId'], message: 'the image prior is the shipped one; give either modelId or prior, not both' });

/** How many example photos a model card shows. */
export const DOMAIN_EXAMPLE_COUNT = 3;

export const DomainExampleSchema = z.object({
  index: z.number().int().min(0).max(DOMAIN_EXAMPLE_COUNT - 1),
  /** The held-out procedural scene it shows (never in the training set). */
  sceneSeed: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The render as a PNG data URL, shown as it is (no workspace file needed). */
  png: z.string().regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'must be a base64 PNG data URL'),
}).strict();
export type DomainExample = z.infer<typeof DomainExampleSchema>;

export const ModelDomainSchema = z.object({
  /** null: the shipped default model. */
  modelId: ItemIdSchema.nullable(),
  modelName: z.string(),
  /** The model file's checksum. */
  checksum: z.string().regex(/^[0-9a-f]{8}$/),
  kind: z.enum(['procedural-toys', 'other']),
  /** Plain words (for 'other': the provenance's dataset text). */
  category: z.string(),
  /** The model sees square photos of this many pixels. */
  resolution: z.number().int().positive(),
  steps: z.number().int().nonnegative(),
  /** The provenance's dataset text, as stored in the model file. */
  dataset: z.string(),
  trainScenes: z.number().int().nonnegative().nullable(),
  viewsPerScene: z.number().int().positive().nullable(),
  background: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(1)]),
  /** Checksum of the model it was fine-tuned from. */
  baseModel: z.string().nullable(),
  examples: z.array(DomainExampleSchema).max(DOMAIN_EXAMPLE_COUNT),
  /** Whether photos can be checked against this domain (a reference exists for it). */
  checkable: z.boolean(),
}).strict();
export type ModelDomain = z.infer<typeof ModelDomainSchema>;

export const CheckPhotoDomainArgsSchema = z.object({ captureId: ItemIdSchema, modelId: ItemIdSchema.optional() }).strict();

export const DomainFeatureSchema = z.object({
  name: z.string(),
  value: z.number(),
  /** The range over the training renders (hi null: open above). */
  lo: z.number(),
  hi: z.number().nullable(),
  /** Distance outside the range, in units of the renders' spread (0 inside). */
  distance: z.number().nonnegative(),
}).strict();

export const PhotoDomainCheckSchema = z.object({
  captureId: ItemIdSchema,
  modelId: ItemIdSchema.nullable(),
  /** null: the model's domain has no reference, so the check cannot tell. */
  inDomain: z.boolean().nullable(),
  distance: z.number().nonnegative().nullable(),
  threshold: z.number().positive().nullable(),
  /** The photo's file size (its first image). */
  photo: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).strict(),
  features: z.array(DomainFeatureSchema),
  /** One plain sentence per feature out of the domain, farthest first. */
  reasons: z.array(z.string()),
  /** The whole verdict in plain words. */
  message: z.string(),
}).strict();
export type PhotoDomainCheck = z.infer<typeof PhotoDomainCheckSchema>;

export const ImportDomainExampleArgsSchema = z.object({
  modelId: ItemIdSchema.optional(),
  /** An example of the shipped image prior's domain (no modelId). */
  prior: z.literal(true).optional(),
  index: z.number().int().min(0).max(DOMAIN_EXAMPLE_COUNT - 1),
}).strict();

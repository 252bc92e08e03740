// What a model knows, for the Generate screen: the training domain read from the model file's
// header, example photos from it (front views of held-out procedural scenes, rendered once and
// cached in memory and under .jobs/cache/model-domain/ in the workspace), the domain check of a
// capture's photo, and importing an example as a capture (idempotent) to use as the photo.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { squareView } from '../../engine/dfm';
import {
  FEATURE_NAMES, TOY_DOMAIN_PROFILE, describeDomainCheck, describeTrainingDomain, domainDistance, heldOutSceneSeeds,
  photoFeatures, renderDomainExample, type TrainingDomain,
} from '../../engine/model-domain';
import { decodeModelFile } from '../../engine/model-file';
import { DOMAIN_EXAMPLE_COUNT, StudioError } from '../../shared';
import type { DomainExample, ModelDomain, PhotoDomainCheck, WorkspaceItem } from '../../shared';
import { encodePng, writeBlenderCapture } from '../capture-io';
import { importCaptureFolder } from '../studio/import-capture';
import { resolveInside, writeFileAtomic, type Workspace } from '../workspace';
import { defaultModelPath } from './models';

/** manifest.source of an imported example: which render it is, so a second click finds it. */
export const exampleSource = (d: Pick<TrainingDomain, 'resolution'>, sceneSeed: number) => `model-domain-example:procedural-toys:${d.resolution}:${sceneSeed}`;

interface ModelInfo { modelId: string | null; modelName: string; checksum: string; domain: TrainingDomain }

export interface ModelDomainService {
  getModelDomain(modelId?: string): Promise<ModelDomain>;
  /** The shipped image prior's domain (DDRep/SDS/SJC on the Generate screen). */
  getPriorDomain(): Promise<ModelDomain>;
  checkPhotoDomain(captureId: string, modelId?: string): Promise<PhotoDomainCheck>;
  importDomainExample(index: number, modelId?: string, prior?: boolean): Promise<{ item: WorkspaceItem; created: boolean }>;
}

/** Reads the model file once per (path, size, mtime); renders examples once per domain. */
export function createModelDomainService(ws: Workspace, resourcesDir: string): ModelDomainService {
  const headers = new Map<string, Promise<ModelInfo>>();
  const examples = new Map<string, Promise<DomainExample[]>>();

  async function modelInfo(modelId: string | undefined, prior = false): Promise<ModelInfo> {
    let file: string; let name: string;
    if (prior) {
      file = defaultModelPath('prior', resourcesDir); name = 'Image prior (shipped)';
      if (!existsSync(file)) throw new StudioError('not-found', `prior: the shipped image prior is missing: ${file} (run npm run train:prior)`, 'prior');
    } else if (!modelId) {
      file = defaultModelPath('dfm', resourcesDir); name = 'Default model (shipped)';
      if (!existsSync(file)) throw new StudioError('not-found', `modelId: the shipped default DFM model is missing: ${file} (run npm run train:default)`, 'modelId');
    } else {
      const m = await ws.requireManifest('model', modelId, 'modelId');
      if (m.kind !== 'model') throw new StudioError('internal', 'model manifest kind mismatch');
      file = resolveInside(ws.itemDir('model', m.id), m.file); name = m.name;
    }
    const st = await stat(file).catch(() => null);
    if (!st) throw new StudioError('conflict', `modelId: model "${modelId}" is damaged: its file ${file} is missing`, 'modelId');
    const key = `${file}:${st.size}:${st.mtimeMs}`;
    let p = headers.get(key);
    if (!p) {
      p = (async () => {
        const decoded = decodeModelFile(new Uint8Array(await readFile(file)), { source: file });
        try {
          // The prior's config nests its image size in the UNet's (prior/config.ts); DFM's is at the top.
          const unet = decoded.config.unet as { imageSize?: unknown } | undefined;
          const config = decoded.method === 'prior' ? { imageSize: unet?.imageSize } : decoded.config;
          return { modelId: modelId ?? null, modelName: name, checksum: decoded.checksum, domain: describeTrainingDomain(decoded.provenance, config) };
        } catch (err) {
          throw new StudioError('invalid-argument', `modelId: ${file}: ${(err as Error).message}`, 'modelId');
        }
      })();
      p.catch(() => headers.delete(key));
      headers.set(key, p);
    }
    return { ...(await p), modelName: name };
  }

  async function renderExamples(domain: TrainingDomain): Promise<DomainExample[]> {
    const seeds = heldOutSceneSeeds(domain, DOMAIN_EXAMPLE_COUNT);
    const cacheDir = join(ws.jobsDir, 'cache', 'model-domain', `toys-${domain.resolution}-${domain.background.map((c) => Math.round(255 * c)).join('-')}`);
    await mkdir(cacheDir, { recursive: true });
    const out: DomainExample[] = [];
    for (const [index, sceneSeed] of seeds.entries()) {
      const file = join(cacheDir, `example-${sceneSeed}.png`);
      let png = await readFile(file).catch(() => null);
      if (!png) {
        png = Buffer.from(await encodePng(renderDomainExample(domain, sceneSeed).views[0].image));
        await writeFileAtomic(file, png);
      }
      out.push({ index, sceneSeed, width: domain.resolution, height: domain.resolution, png: `data:image/png;base64,${png.toString('base64')}` });
    }
    return out;
  }

  function examplesOf(domain: TrainingDomain): Promise<DomainExample[]> {
    if (domain.kind !== 'procedural-toys') return Promise.resolve([]);
    const key = `${domain.resolution}:${domain.datasetSeed}:${domain.background.join(',')}`;
    let p = examples.get(key);
    if (!p) {
      p = renderExamples(domain);
      p.catch(() => examples.delete(key));
      examples.set(key, p);
    }
    return p;
  }

  /** Whether the toy profile applies: same category, resolution and background. */
  const checkable = (d: TrainingDomain) => d.kind === 'procedural-toys' && d.resolution === TOY_DOMAIN_PROFILE.resolution
    && d.background.every((c, i) => Math.abs(c - TOY_DOMAIN_PROFILE.background[i]) < 1e-6);

  async function domainOf(pending: Promise<ModelInfo>): Promise<ModelDomain> {
    const info = await pending;
    const d = info.domain;
    return {
      modelId: info.modelId, modelName: info.modelName, checksum: info.checksum, kind: d.kind, category: d.category,
      resolution: d.resolution, steps: d.steps, dataset: d.dataset, trainScenes: d.trainScenes, viewsPerScene: d.viewsPerScene,
      background: d.background, baseModel: d.baseModel, examples: await examplesOf(d), checkable: checkable(d),
    };
  }

  return {
    getPriorDomain: () => domainOf(modelInfo(undefined, true)),
    getModelDomain: (modelId) => domainOf(modelInfo(modelId)),
    async checkPhotoDomain(captureId, modelId) {
      const info = await modelInfo(modelId);
      const photo = await firstPhoto(ws, captureId);
      const base = { captureId, modelId: info.modelId, photo: photo.size };
      if (!checkable(info.domain)) {
        return {
          ...base, inDomain: null, distance: null, threshold: null, features: [], reasons: [],
          message: `No reference renders exist for this model's domain (${info.domain.category}), so the photo cannot be checked against it.`,
        };
      }
      const profile = TOY_DOMAIN_PROFILE;
      const sq = squareView(photo.image, { width: photo.image.width, height: photo.image.height, fx: 1, fy: 1, cx: 0, cy: 0 }, profile.resolution);
      const x = photoFeatures(sq.image, photo.size, profile.resolution, profile.background);
      const d = domainDistance(x, profile);
      const words = describeDomainCheck(x, d, profile, info.domain, photo.size);
      return {
        ...base, inDomain: d.inDomain, distance: d.distance, threshold: profile.threshold,
        features: FEATURE_NAMES.map((f) => ({ name: f, value: x[f], lo: profile.features[f].lo, hi: profile.features[f].hi, distance: d.perFeature[f] })),
        ...words,
      };
    },

    async importDomainExample(index, modelId, prior = false) {
      const info = await modelInfo(modelId, prior);
      const d = info.domain;
      if (d.kind !== 'procedural-toys') throw new StudioError('invalid-argument', `modelId: model "${modelId}" has no example photos (trained on: ${d.dataset})`, 'modelId');
      const sceneSeed = heldOutSceneSeeds(d, DOMAIN_EXAMPLE_COUNT)[index];
      if (sceneSeed === undefined) throw new StudioError('invalid-argument', `index: ${index} is not an example (0 to ${DOMAIN_EXAMPLE_COUNT - 1})`, 'index');
      const source = exampleSource(d, sceneSeed);
      for (const item of await ws.listItems('capture')) {
        if (item.status === 'ok' && item.manifest.kind === 'capture' && item.manifest.source === source) return { item, created: false };
      }
      const staging = await ws.createStaging('example');
      const dir = join(staging, 'capture');
      try {
        await writeBlenderCapture(dir, renderDomainExample(d, sceneSeed), { depth: false });
        const item = await importCaptureFolder(ws, dir, `Toy example ${index + 1} (held-out scene ${sceneSeed})`, { source, move: true, label: 'example' });
        return { item, created: true };
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The capture's first image as the model would see it: its thumbnail (the first view, made at
 * import, at most 256 px) composited on white like captures are read, and the original file size
 * from the manifest. Cheap: no need to decode a 70-frame capture to check its first photo.
 */
async function firstPhoto(ws: Workspace, captureId: string) {
  const m = await ws.requireManifest('capture', captureId, 'captureId');
  if (m.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
  if (!m.thumbnail || !m.width || !m.height) {
    throw new StudioError('invalid-argument', `captureId: capture "${captureId}" has no thumbnail or image size in its manifest; re-import it to check its photo`, 'captureId');
  }
  const file = resolveInside(ws.itemDir('capture', m.id), m.thumbnail);
  const { data, info } = await sharp(file).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    .catch((err: Error) => { throw new StudioError('conflict', `captureId: capture "${captureId}": thumbnail ${m.thumbnail} is unreadable: ${err.message}`, 'captureId'); });
  const img = new Float32Array(info.width * info.height * 3);
  for (let i = 0; i < img.length; i++) img[i] = data[i] / 255;
  return { image: { width: info.width, height: info.height, data: img }, size: { width: m.width, height: m.height } };
}

// From a job spec (the contract) to a runner name and runner parameters (absolute folders).
// Inputs are resolved and checked here, before any worker starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DDREP_METHOD_LABEL, DEFAULT_FIT_PRESET, StudioError } from '../../shared';
import type { JobSpec } from '../../shared';
import { defaultModelPath } from '../generative/models';
import { defaultResourcesDir } from '../studio/locate';
import { resolveInside, type Workspace } from '../workspace';
import type { DdrepScenesParams } from './runners/ddrep-scenes-params';
import type { ExportParams } from './runners/export-params';
import type { FitParams } from './runners/fit-params';
import type { PosesParams } from './runners/poses-params';
import { videoFileOf } from '../studio/import-video';
import type { SampleParams } from './runners/sample-params';
import type { TrainParams } from './runners/train-params';

export interface ResolvedTask {
  runner: string;
  params: unknown;
}

export interface ResolveEnv {
  /** Folder holding models/default-dfm.plxm (default: the app's resources/). */
  resourcesDir?: string;
}

/** A DFM model file: a model item's file, or the shipped default when `id` is absent. */
async function resolveDfmModel(ws: Workspace, id: string | undefined, field: string, env: ResolveEnv): Promise<{ file: string; id: string }> {
  if (!id) {
    const file = defaultModelPath('dfm', env.resourcesDir ?? defaultResourcesDir());
    if (!existsSync(file)) throw new StudioError('not-found', `the shipped default DFM model is missing: ${file} (run npm run train:default)`, field);
    return { file, id: 'default' };
  }
  const m = await ws.requireManifest('model', id, field);
  if (m.kind !== 'model') throw new StudioError('internal', 'model manifest kind mismatch');
  if (m.method !== 'dfm') throw new StudioError('invalid-argument', `model "${id}" is a ${m.method} model; this job needs a dfm model`, field);
  const file = resolveInside(ws.itemDir('model', m.id), m.file);
  if (!existsSync(file)) throw new StudioError('conflict', `model "${id}" is damaged: its file ${m.file} is missing`, field);
  return { file, id: m.id };
}

export async function resolveTask(ws: Workspace, spec: JobSpec, env: ResolveEnv = {}): Promise<ResolvedTask> {
  switch (spec.kind) {
    case 'fit': {
      const capture = await ws.requireManifest('capture', spec.captureId, 'captureId');
      if (capture.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
      if (capture.format === 'video') {
        throw new StudioError('invalid-argument', `capture "${capture.id}" is a video without camera poses: estimate camera poses first, then reconstruct the posed capture`, 'captureId');
      }
      const params: FitParams = {
        captureDir: join(ws.itemDir('capture', capture.id), capture.root),
        method: spec.method,
        // The contract refuses a preset on splat fits and iterations on voxel fits.
        ...(spec.method === 'splats'
          ? (spec.iterations !== undefined ? { iterations: spec.iterations } : {})
          : { preset: spec.preset ?? DEFAULT_FIT_PRESET, sceneType: spec.sceneType ?? 'auto' }),
        minutes: spec.minutes,
        sceneName: spec.sceneName ?? capture.name,
        sourceId: capture.id,
      };
      return { runner: 'fit', params };
    }
    case 'export': {
      const scene = await ws.requireManifest('scene', spec.sceneId, 'sceneId');
      if (scene.kind === 'scene' && scene.representation && scene.representation !== 'field') {
        throw new StudioError('invalid-argument', `scene "${scene.id}" is a ${scene.representation} (a DDRep picture, saved as preview.png in its folder), not a 3D scene to export`, 'sceneId');
      }
      const label = { glb: spec.preset === 'web' ? 'GLB web' : 'GLB', ply: 'PLY', 'ply-points': 'PLY points', turntable: 'turntable', spz: 'SPZ', splat: '.splat' }[spec.format];
      const params: ExportParams = {
        sceneDir: ws.itemDir('scene', scene.id),
        format: spec.format,
        preset: spec.preset,
        unlit: spec.unlit,
        frames: spec.frames,
        size: spec.size,
        name: `${scene.name} (${label})`,
        sourceId: scene.id,
      };
      return { runner: 'export', params };
    }
    case 'train': {
      const captures = [];
      for (const [i, id] of spec.captureIds.entries()) {
        const c = await ws.requireManifest('capture', id, `captureIds.${i}`);
        if (c.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
        captures.push(c);
      }
      const base = await resolveDfmModel(ws, spec.baseModelId, 'baseModelId', env);
      const params: TrainParams = {
        captureDirs: captures.map((c) => join(ws.itemDir('capture', c.id), c.root)),
        captureIds: captures.map((c) => c.id),
        captureNames: captures.map((c) => c.name),
        baseModelFile: base.file,
        baseModelId: base.id,
        steps: spec.steps,
        // About ten periodic sample previews per run, one every 5 to 20 steps (each preview
        // costs a 10-step DDIM sample), plus the last step's: short runs still show progress.
        previewEvery: Math.min(20, Math.max(5, Math.ceil(spec.steps / 10))),
        modelName: spec.modelName ?? `${captures[0].name} fine-tune${captures.length > 1 ? ` (+${captures.length - 1})` : ''}`,
      };
      return { runner: 'train', params };
    }
    case 'sample': {
      const capture = await ws.requireManifest('capture', spec.captureId, 'captureId');
      if (capture.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
      const model = await resolveDfmModel(ws, spec.modelId, 'modelId', env);
      const params: SampleParams = {
        photo: join(ws.itemDir('capture', capture.id), capture.root),
        modelFile: model.file,
        modelId: model.id,
        captureId: capture.id,
        samples: spec.samples,
        steps: spec.steps,
        guidance: spec.guidance,
        temperature: spec.temperature,
        seed: spec.seed,
        path: spec.path,
        pooling: spec.pooling,
        sceneName: capture.name,
      };
      return { runner: 'sample', params };
    }
    case 'poses': {
      const capture = await ws.requireManifest('capture', spec.captureId, 'captureId');
      if (capture.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
      if (capture.format !== 'images' && capture.format !== 'video') {
        throw new StudioError('invalid-argument', `capture "${capture.id}" is a ${capture.format} capture that already has camera poses; estimate poses of photos or a video`, 'captureId');
      }
      const root = join(ws.itemDir('capture', capture.id), capture.root);
      const params: PosesParams = {
        source: capture.format === 'video' ? await videoFileOf(root, 'captureId') : root,
        sourceId: capture.id,
        matcher: spec.matcher,
        maxSize: spec.maxSize,
        frames: spec.frames,
        captureName: spec.captureName ?? `${capture.name} (posed)`.slice(0, 120),
      };
      return { runner: 'poses', params };
    }
    case 'ddrep': {
      // The prior is always the shipped one (the renderer never names a model file).
      const modelFile = defaultModelPath('prior', env.resourcesDir ?? defaultResourcesDir());
      if (!existsSync(modelFile)) throw new StudioError('not-found', `the shipped image prior is missing: ${modelFile} (run npm run train:prior)`, 'rep');
      let photo: string | null = null;
      let sceneName = `${DDREP_METHOD_LABEL[spec.method]} ${spec.rep === 'siren' ? 'image' : spec.rep}`;
      if (spec.captureId) {
        const capture = await ws.requireManifest('capture', spec.captureId, 'captureId');
        if (capture.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
        if (capture.format === 'video') throw new StudioError('invalid-argument', `capture "${capture.id}" is a video; choose a photo to complete`, 'captureId');
        photo = join(ws.itemDir('capture', capture.id), capture.root);
        sceneName = `${sceneName} from ${capture.name}`.slice(0, 100);
      }
      const params: DdrepScenesParams = {
        rep: spec.rep, method: spec.method, modelFile, photo, samples: spec.samples,
        steps: spec.steps ?? null, guidance: spec.guidance ?? null, inner: spec.inner ?? null, seed: spec.seed,
        captureId: spec.captureId ?? null, sceneName,
      };
      return { runner: 'ddrep-scenes', params };
    }
  }
}

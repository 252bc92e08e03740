// From a job spec (the contract) to a runner name and runner parameters (absolute folders).
// Inputs are resolved and checked here, before any worker starts.
import { join } from 'node:path';
import { StudioError } from '../../shared';
import type { JobSpec } from '../../shared';
import type { Workspace } from '../workspace';
import type { ExportParams } from './runners/export-params';
import type { FitParams } from './runners/fit-params';

export interface ResolvedTask {
  runner: string;
  params: unknown;
}

export async function resolveTask(ws: Workspace, spec: JobSpec): Promise<ResolvedTask> {
  switch (spec.kind) {
    case 'fit': {
      const capture = await ws.requireManifest('capture', spec.captureId, 'captureId');
      if (capture.kind !== 'capture') throw new StudioError('internal', 'capture manifest kind mismatch');
      const params: FitParams = {
        captureDir: join(ws.itemDir('capture', capture.id), capture.root),
        preset: spec.preset,
        minutes: spec.minutes,
        sceneName: spec.sceneName ?? capture.name,
        sourceId: capture.id,
      };
      return { runner: 'fit', params };
    }
    case 'export': {
      const scene = await ws.requireManifest('scene', spec.sceneId, 'sceneId');
      const params: ExportParams = {
        sceneDir: ws.itemDir('scene', scene.id),
        format: spec.format,
        unlit: spec.unlit,
        name: `${scene.name} (${spec.format.toUpperCase()})`,
        sourceId: scene.id,
      };
      return { runner: 'export', params };
    }
    case 'train':
      for (const [i, id] of spec.captureIds.entries()) await ws.requireManifest('capture', id, `captureIds.${i}`);
      return { runner: 'train', params: spec };
    case 'sample':
      await ws.requireManifest('capture', spec.captureId, 'captureId');
      return { runner: 'sample', params: spec };
  }
}

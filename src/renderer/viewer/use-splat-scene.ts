// The splat part of the viewer: a scene made by the splat method (settings.method "splats") shows
// its splats.ply through the scene-file URL, like volume.bin and mesh.glb. Load state and the
// statistics Spark reports (count, memory, bounds) live here.
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceItem } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust, itemFilePath, toUiError } from '../lib';
import type { Bounds } from './camera-fit';
import { cropBoxOf } from './crop-box';
import type { SplatStats } from './splat-view';

export const SPLATS_FILE = 'splats.ply';

export interface SplatSceneLoad {
  url: string | null;
  status: 'none' | 'loading' | 'ready' | 'error';
  stats: SplatStats | null;
  error: string | null;
  cropBox: Bounds | null;
  onLoaded(stats: SplatStats): void;
  onError(error: unknown): void;
}

export function splatUrlOf(scene: WorkspaceItem): string | null {
  if (scene.status !== 'ok' || scene.manifest.kind !== 'scene' || scene.manifest.settings.method !== 'splats') return null;
  const rel = itemFilePath('scene', scene.id, SPLATS_FILE);
  return rel ? cacheBust(fileUrl(rel), scene.manifest.updatedAt) : null;
}

export function useSplatScene(scene: WorkspaceItem): SplatSceneLoad {
  const url = splatUrlOf(scene);
  const [status, setStatus] = useState<SplatSceneLoad['status']>(url ? 'loading' : 'none');
  const [stats, setStats] = useState<SplatStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setStatus(url ? 'loading' : 'none');
    setStats(null);
    setError(null);
  }, [url]);
  const onLoaded = useCallback((s: SplatStats) => { setStats(s); setStatus('ready'); }, []);
  const onError = useCallback((e: unknown) => { setError(toUiError(e).message); setStatus('error'); }, []);
  const cropBox = scene.status === 'ok' && scene.manifest.kind === 'scene' ? cropBoxOf(scene.manifest.settings) : null;
  return { url, status, stats, error, cropBox, onLoaded, onError };
}

/** "12.3 MB" style sizes for the side panel. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

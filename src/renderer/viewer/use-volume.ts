// Fetches and decodes a scene's volume.bin (outside the canvas, once per URL). The result says
// whether the volume mode can be offered; bounds are those of the occupied voxels.
import { useEffect, useState } from 'react';
import { decodeVolume, type DecodedVolume } from '../../shared/volume-file';
import { toUiError } from '../lib';
import type { Bounds } from './camera-fit';
import { occupiedBounds } from './volume-texture';

export type VolumeLoad =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; volume: DecodedVolume; bounds: Bounds }
  | { status: 'error'; message: string };

export async function loadVolume(url: string, signal?: AbortSignal): Promise<{ volume: DecodedVolume; bounds: Bounds }> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`volume.bin: HTTP ${response.status} ${response.statusText}`.trim());
  const volume = decodeVolume(new Uint8Array(await response.arrayBuffer()), 'volume.bin');
  return { volume, bounds: occupiedBounds(volume) ?? volume.aabb };
}

export function useVolume(url: string | null): VolumeLoad {
  const [load, setLoad] = useState<VolumeLoad>(url ? { status: 'loading' } : { status: 'none' });
  useEffect(() => {
    if (!url) {
      setLoad({ status: 'none' });
      return;
    }
    const abort = new AbortController();
    setLoad({ status: 'loading' });
    loadVolume(url, abort.signal).then(
      (r) => { if (!abort.signal.aborted) setLoad({ status: 'ready', ...r }); },
      (e: unknown) => { if (!abort.signal.aborted) setLoad({ status: 'error', message: toUiError(e).message }); },
    );
    return () => abort.abort();
  }, [url]);
  return load;
}

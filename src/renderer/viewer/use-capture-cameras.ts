// The cameras of a scene's source capture (getCaptureCameras). Any failure — no capture, a
// capture that was deleted, a backend without the method — just means there is nothing to
// show: the viewer hides the "Cameras" toggle.
import { useEffect, useState } from 'react';
import type { CaptureCameras, SceneManifest } from '../../shared';
import { getStudioApi } from '../api';

/** The capture a scene came from: `sourceId` for reconstructions, `settings.captureId` for samples. */
export function sourceCaptureId(manifest: Pick<SceneManifest, 'sourceId' | 'settings' | 'origin'>): string | null {
  const fromSettings = manifest.settings.captureId;
  if (typeof fromSettings === 'string' && fromSettings) return fromSettings;
  return manifest.origin === 'reconstruction' && manifest.sourceId ? manifest.sourceId : null;
}

export function useCaptureCameras(captureId: string | null): CaptureCameras | null {
  const [cameras, setCameras] = useState<CaptureCameras | null>(null);
  useEffect(() => {
    setCameras(null);
    if (!captureId) return;
    let live = true;
    getStudioApi().getCaptureCameras({ id: captureId }).then(
      (c) => { if (live && c.views.length > 0) setCameras(c); },
      () => { /* no cameras to show */ },
    );
    return () => { live = false; };
  }, [captureId]);
  return cameras;
}

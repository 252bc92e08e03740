// Loads a capture's cameras (getCaptureCameras) and shows the 3D frustum preview, lazily: the
// three.js chunk loads only when a preview is first shown. Captures without poses (photos) say so
// instead of drawing cameras that all sit at one placeholder pose.
import { Suspense, lazy, useEffect, useState } from 'react';
import type { CaptureCameras, StudioApi } from '../../shared';
import { toUiError } from '../lib';

const FrustumPreview = lazy(() => import('./frustum-preview').then((m) => ({ default: m.FrustumPreview })));

interface FrustumPanelProps {
  api: Pick<StudioApi, 'getCaptureCameras'>;
  captureId: string;
  height?: number;
}

type State = { status: 'loading' } | { status: 'ready'; cameras: CaptureCameras } | { status: 'error'; message: string };

export function FrustumPanel({ api, captureId, height }: FrustumPanelProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    api.getCaptureCameras({ id: captureId }).then(
      (cameras) => { if (live) setState({ status: 'ready', cameras }); },
      (e) => { if (live) setState({ status: 'error', message: toUiError(e).message }); },
    );
    return () => { live = false; };
  }, [api, captureId]);

  if (state.status === 'loading') return <p className="frustum-note" aria-busy="true" style={{ height }}>Reading the cameras…</p>;
  if (state.status === 'error') return <p className="frustum-note error" role="alert" data-testid="frustum-error">Cannot show the cameras: {state.message}</p>;
  const { cameras } = state;
  if (cameras.format === 'images') {
    return (
      <p className="frustum-note" data-testid="frustum-unposed">
        {cameras.views.length === 1 ? 'One photo' : `${cameras.views.length} photos`} without camera poses: use it on the
        Generate screen to sample 3D scenes. Reconstruction needs a posed capture.
      </p>
    );
  }
  return (
    <Suspense fallback={<p className="frustum-note" aria-busy="true" style={{ height }}>Loading the 3D preview…</p>}>
      <FrustumPreview cameras={cameras} height={height} />
    </Suspense>
  );
}

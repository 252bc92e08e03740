// The viewer for picture scenes (DDRep SIREN images and panoramas): the sample large and crisp, its
// step strip (the estimate at evenly spaced steps), and how it was made. Not a 3D scene: no orbit and
// no export; the PNG is in the scene's folder.
import type { SceneManifest, WorkspaceItem } from '../../shared';
import { fileUrl } from '../api';
import { itemFilePath } from '../lib';
import { DdrepBadge } from './ddrep-badge';

interface PictureViewerProps {
  scene: WorkspaceItem;
  onBack(): void;
}

export function isPictureScene(scene: WorkspaceItem | null): boolean {
  const r = scene?.status === 'ok' && scene.manifest.kind === 'scene' ? scene.manifest.representation : undefined;
  return r === 'image' || r === 'panorama';
}

export function DdrepPictureViewer({ scene, onBack }: PictureViewerProps) {
  const m = scene.status === 'ok' && scene.manifest.kind === 'scene' ? (scene.manifest as SceneManifest) : null;
  if (!m) return null;
  const file = (f: string | undefined) => { const rel = f ? itemFilePath('scene', scene.id, f) : null; return rel ? fileUrl(rel) : null; };
  const picture = file(m.files.preview);
  const steps = file(m.files.steps);
  const s = m.settings;
  const panorama = m.representation === 'panorama';
  const facts = [`${panorama ? 'Panorama' : 'SIREN image'}`, `seed ${String(s.seed ?? '—')}`, `${String(s.steps ?? '—')} steps`, `guidance ${String(s.guidance ?? '—')}`];
  if (typeof m.metrics.denoiserCalls === 'number') facts.push(`${m.metrics.denoiserCalls} denoiser calls`);
  if (typeof m.metrics.seconds === 'number') facts.push(`${m.metrics.seconds.toFixed(1)} s`);
  return (
    <div className="viewer picture-viewer" data-testid="picture-viewer" data-representation={m.representation} data-state={picture ? 'ready' : 'empty'}>
      <header className="viewer-toolbar">
        <button type="button" className="button small" onClick={onBack} data-testid="viewer-back">← Gallery</button>
        <h2 className="viewer-title">{m.name}</h2>
        {typeof s.method === 'string' && <DdrepBadge method={s.method} />}
      </header>
      <div className="picture-viewer-body">
        {picture ? (
          <img className={`picture-viewer-image ${panorama ? 'panorama' : ''}`} src={picture} alt={`${m.name}: the sampled ${panorama ? 'panorama' : 'image'}`} data-testid="picture-viewer-image" />
        ) : <p className="muted">This scene has no picture file.</p>}
        <p className="muted" data-testid="picture-viewer-facts">{facts.join(' · ')}</p>
        {steps && (
          <figure className="picture-viewer-steps">
            <img src={steps} alt="The estimate at evenly spaced steps" data-testid="picture-viewer-steps" />
            <figcaption className="muted">The estimate at evenly spaced steps{panorama ? ', top to bottom' : ', left to right'}.</figcaption>
          </figure>
        )}
      </div>
    </div>
  );
}

// One gallery card: thumbnail, name, date, kind badge, a line of facts, and the actions that
// apply to the item (open a scene, reconstruct or generate from a capture, move to trash).
// Damaged items show the reason instead of facts.
import { useRef, useState } from 'react';
import type React from 'react';
import type { WorkspaceItem } from '../../shared';
import { formatDate, formatMetric, formatRelativeTime, itemDate, itemName, sceneFitMethod, thumbnailPath } from '../lib';
import { ExportFiles } from './export-files';
import { ExportSceneList } from './export-scene-list';
import { ItemThumbnail } from './item-thumbnail';
import { KindBadge } from './kind-badge';
import { DdrepBadge } from './ddrep-badge';
import { MethodBadge } from './method-badge';
import { PosesReport } from './poses-report';
import { RenameField } from './rename-field';

interface ItemCardProps {
  item: WorkspaceItem;
  onReconstruct(item: WorkspaceItem): void;
  onOpenScene(id: string): void;
  onDelete(item: WorkspaceItem): void;
  /** Captures: show the camera frustum preview. */
  onCameras?(item: WorkspaceItem): void;
  /** Unposed captures (photos, a video): open the Estimate camera poses dialog. */
  onEstimatePoses?(item: WorkspaceItem): void;
  /** Captures: open Generate with this capture's first image as the photo. */
  onGenerate?(item: WorkspaceItem): void;
  /** Scenes: open the export dialog. */
  onExport?(item: WorkspaceItem): void;
  /** Export and model items: save one of their files (desktop) — web mode uses Download links. */
  onSaveFile?(item: WorkspaceItem, file: string): void;
  /** Scenes: the export items made from this scene (listed on the card, not as cards). */
  exports?: WorkspaceItem[];
  /** Saves a new name; resolves false when it was refused (the app says why). */
  onRename?(item: WorkspaceItem, name: string): Promise<boolean>;
  /** Roving tab stop of the gallery grid: 0 for the one card Tab reaches, else -1. */
  tabIndex?: number;
  onFocusCard?(): void;
}

export function ItemCard(props: ItemCardProps) {
  const { item, onReconstruct, onOpenScene, onDelete, onExport, onSaveFile, onCameras, onGenerate, exports } = props;
  const name = itemName(item);
  const date = itemDate(item);
  const ok = item.status === 'ok';
  const isScene = ok && item.kind === 'scene';
  const method = sceneFitMethod(item);
  const sceneManifest = ok && item.manifest.kind === 'scene' ? item.manifest : null;
  // DDRep samples: the method badge, and pictures (image / panorama) are not 3D scenes to export.
  const ddrepMethod = sceneManifest?.settings.generator === 'ddrep' ? String(sceneManifest.settings.method) : null;
  const picture = !!sceneManifest?.representation && sceneManifest.representation !== 'field';
  const format = ok && item.manifest.kind === 'capture' ? item.manifest.format : null;
  const canReconstruct = format !== null && format !== 'images' && format !== 'video';
  const unposed = format === 'images' || format === 'video';
  const [renaming, setRenaming] = useState(false);
  const card = useRef<HTMLElement>(null);
  const canRename = ok && !!props.onRename;
  // Keys on the focused card itself (not on its buttons): Enter opens a scene or reconstructs a
  // capture, F2 renames, Delete moves the item to the trash (with Undo in the toast).
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'F2' && canRename) { e.preventDefault(); setRenaming(true); }
    else if (e.key === 'Enter' && isScene) { e.preventDefault(); onOpenScene(item.id); }
    else if (e.key === 'Enter' && canReconstruct) { e.preventDefault(); onReconstruct(item); }
    else if (e.key === 'Delete') { e.preventDefault(); onDelete(item); }
  };
  const thumb = <ItemThumbnail path={thumbnailPath(item)} kind={item.kind} version={ok ? item.manifest.updatedAt : undefined} />;
  return (
    <article
      className={`card ${ok ? '' : 'damaged'}`}
      data-testid="item-card"
      data-kind={item.kind}
      data-id={item.id}
      data-status={item.status}
      aria-label={`${name} (${item.kind}${ok ? '' : ', damaged'})`}
      ref={card}
      tabIndex={props.tabIndex}
      onFocus={(e) => { if (e.target === e.currentTarget) props.onFocusCard?.(); }}
      onKeyDown={onKeyDown}
      aria-keyshortcuts="Enter F2 Delete ArrowLeft ArrowRight ArrowUp ArrowDown Home End"
    >
      {isScene ? (
        <button type="button" className="card-thumb" onClick={() => onOpenScene(item.id)} aria-label={`Open ${name} in the viewer`} tabIndex={-1}>
          {thumb}
        </button>
      ) : (
        <div className="card-thumb">{thumb}</div>
      )}
      <div className="card-body">
        <div className="card-title-row">
          {renaming && props.onRename ? (
            <RenameField
              name={name}
              onSubmit={(next) => props.onRename!(item, next)}
              onDone={() => { setRenaming(false); card.current?.focus(); }}
            />
          ) : (
            <h3 className="card-name" title={canRename ? `${name} — click to rename (F2)` : name}>
              {canRename ? (
                <button type="button" className="card-name-button" tabIndex={-1} onClick={() => setRenaming(true)} data-testid="rename-item">
                  {name}
                </button>
              ) : name}
            </h3>
          )}
          <KindBadge kind={item.kind} />
        </div>
        <div className="card-meta">
          {date ? <time dateTime={date} title={formatDate(date)}>{formatRelativeTime(date)}</time> : <span>—</span>}
          {method && <MethodBadge method={method} />}
          {ddrepMethod && <DdrepBadge method={ddrepMethod} />}
        </div>
        {ok ? (
          <p className="card-facts">{facts(item)}</p>
        ) : (
          <p className="card-damaged" role="note" title={item.reason} data-testid="damaged-reason">
            Damaged: {item.reason}
          </p>
        )}
        {ok && item.manifest.kind === 'capture' && item.manifest.poses && <PosesReport poses={item.manifest.poses} />}
        {ok && item.manifest.kind === 'export' && item.manifest.validation && (
          <p className="card-validation" title={item.manifest.validation} data-testid="card-validation">✓ {item.manifest.validation}</p>
        )}
        {ok && onSaveFile && (item.kind === 'export' || item.kind === 'model') && (
          <ExportFiles item={item} onSave={onSaveFile} limit={item.kind === 'export' ? 2 : 1} />
        )}
        {isScene && onSaveFile && exports && <ExportSceneList exports={exports} onSave={onSaveFile} limit={1} />}
      </div>
      <div className="card-actions">
        {isScene && (
          <button type="button" className="button small primary" onClick={() => onOpenScene(item.id)} data-testid="open-scene">
            Open
          </button>
        )}
        {canReconstruct && (
          <button type="button" className="button small primary" onClick={() => onReconstruct(item)} data-testid="reconstruct">
            Reconstruct…
          </button>
        )}
        {unposed && props.onEstimatePoses && (
          <button
            type="button"
            className="button small primary"
            onClick={() => props.onEstimatePoses!(item)}
            title="Find the camera poses with COLMAP; the result is a new capture you can reconstruct"
            data-testid="estimate-poses"
          >
            Estimate camera poses…
          </button>
        )}
        {ok && item.kind === 'capture' && format !== 'video' && onGenerate && (
          <button
            type="button"
            className={`button small${canReconstruct || unposed ? '' : ' primary'}`}
            onClick={() => onGenerate(item)}
            title="Sample 3D scenes from this capture's first image"
            data-testid="generate-from"
          >
            Generate…
          </button>
        )}
        {canReconstruct && onCameras && (
          <button type="button" className="button small" onClick={() => onCameras(item)} data-testid="capture-cameras">
            Cameras
          </button>
        )}
        {isScene && onExport && !picture && (
          <button type="button" className="button small" onClick={() => onExport(item)} data-testid="export-scene">
            Export…
          </button>
        )}
        <span className="card-actions-spacer" />
        <button
          type="button"
          className="button small ghost danger"
          onClick={() => onDelete(item)}
          aria-label={`Move ${name} to the trash`}
          data-testid="delete-item"
        >
          Delete
        </button>
      </div>
    </article>
  );
}

function facts(item: WorkspaceItem): string {
  if (item.status !== 'ok') return '';
  const m = item.manifest;
  switch (m.kind) {
    case 'capture': {
      if (m.format === 'video') return `Video${m.width && m.height ? ` · ${m.width}×${m.height}` : ''} · no camera poses yet`;
      const size = m.width && m.height ? ` · ${m.width}×${m.height}` : '';
      const warn = m.warnings.length ? ` · ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'}` : '';
      return `${m.imageCount} image${m.imageCount === 1 ? '' : 's'}${size} · ${m.format}${warn}`;
    }
    case 'scene': {
      if (m.representation === 'image' || m.representation === 'panorama') {
        return `${m.representation === 'image' ? 'Image' : 'Panorama'} sampled from the image prior${typeof m.settings.seed === 'number' ? ` · seed ${m.settings.seed}` : ''}`;
      }
      const parts = [m.origin === 'reconstruction' ? 'Reconstruction' : 'Generated sample'];
      if (typeof m.metrics.psnr === 'number') parts.push(`PSNR ${formatMetric('psnr', m.metrics.psnr)}`);
      // Splat scenes never have a mesh (that is the method, not a short fit): say how many splats instead.
      if (sceneFitMethod(item) === 'splats') {
        if (typeof m.metrics.gaussians === 'number') parts.push(`${m.metrics.gaussians.toLocaleString('en-US')} splats`);
      } else if (!m.files.mesh) parts.push('no mesh');
      return parts.join(' · ');
    }
    case 'model':
      return m.method === 'dfm' ? 'Diffusion model (DFM)' : 'pixelNeRF baseline';
    case 'export':
      return `${m.format.toUpperCase()} · ${m.files.length} file${m.files.length === 1 ? '' : 's'}`;
  }
}

// One gallery card: thumbnail, name, date, kind badge, a line of facts, and the actions that
// apply to the item (open a scene, reconstruct a capture, move to trash). Damaged items show
// the reason instead of facts.
import type { WorkspaceItem } from '../../shared';
import { formatDate, formatMetric, formatRelativeTime, itemDate, itemName, thumbnailPath } from '../lib';
import { ItemThumbnail } from './item-thumbnail';
import { KindBadge } from './kind-badge';

interface ItemCardProps {
  item: WorkspaceItem;
  onReconstruct(item: WorkspaceItem): void;
  onOpenScene(id: string): void;
  onDelete(item: WorkspaceItem): void;
}

export function ItemCard({ item, onReconstruct, onOpenScene, onDelete }: ItemCardProps) {
  const name = itemName(item);
  const date = itemDate(item);
  const ok = item.status === 'ok';
  const isScene = ok && item.kind === 'scene';
  const thumb = <ItemThumbnail path={thumbnailPath(item)} kind={item.kind} version={ok ? item.manifest.updatedAt : undefined} />;
  return (
    <article
      className={`card ${ok ? '' : 'damaged'}`}
      data-testid="item-card"
      data-kind={item.kind}
      data-id={item.id}
      data-status={item.status}
      aria-label={`${name} (${item.kind}${ok ? '' : ', damaged'})`}
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
          <h3 className="card-name" title={name}>{name}</h3>
          <KindBadge kind={item.kind} />
        </div>
        <div className="card-meta">
          {date ? <time dateTime={date} title={formatDate(date)}>{formatRelativeTime(date)}</time> : <span>—</span>}
        </div>
        {ok ? (
          <p className="card-facts">{facts(item)}</p>
        ) : (
          <p className="card-damaged" role="note" title={item.reason} data-testid="damaged-reason">
            Damaged: {item.reason}
          </p>
        )}
      </div>
      <div className="card-actions">
        {isScene && (
          <button type="button" className="button small primary" onClick={() => onOpenScene(item.id)} data-testid="open-scene">
            Open
          </button>
        )}
        {ok && item.kind === 'capture' && (
          <button type="button" className="button small primary" onClick={() => onReconstruct(item)} data-testid="reconstruct">
            Reconstruct…
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
      const size = m.width && m.height ? ` · ${m.width}×${m.height}` : '';
      const warn = m.warnings.length ? ` · ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'}` : '';
      return `${m.imageCount} image${m.imageCount === 1 ? '' : 's'}${size} · ${m.format}${warn}`;
    }
    case 'scene': {
      const parts = [m.origin === 'reconstruction' ? 'Reconstruction' : 'Generated sample'];
      if (typeof m.metrics.psnr === 'number') parts.push(`PSNR ${formatMetric('psnr', m.metrics.psnr)}`);
      if (!m.files.mesh) parts.push('no mesh');
      return parts.join(' · ');
    }
    case 'model':
      return m.method === 'dfm' ? 'Diffusion model (DFM)' : 'pixelNeRF baseline';
    case 'export':
      return `${m.format.toUpperCase()} · ${m.files.length} file${m.files.length === 1 ? '' : 's'}`;
  }
}

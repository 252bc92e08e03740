// A scene card's exports (the gallery lists exports with their scene): each export's format, its
// validation line and its files with Download (web) or Save as… (desktop). Newest first.
import type { WorkspaceItem } from '../../shared';
import { ExportFiles } from './export-files';

interface ExportSceneListProps {
  exports: WorkspaceItem[];
  onSave(item: WorkspaceItem, file: string): void;
  /** Exports listed before "and N more". */
  limit?: number;
}

const FORMAT_LABELS: Record<string, string> = {
  glb: 'GLB', 'glb-web': 'GLB web', ply: 'PLY mesh', 'ply-points': 'PLY points', 'png-frames': 'Turntable',
  'splat-ply': '3DGS PLY', 'splat-glb': 'GLB splats', spz: 'SPZ', splat: '.splat',
};

export function ExportSceneList({ exports, onSave, limit = 2 }: ExportSceneListProps) {
  const ok = exports
    .filter((e) => e.status === 'ok' && e.manifest.kind === 'export')
    .sort((a, b) => (a.status === 'ok' && b.status === 'ok' ? b.manifest.createdAt.localeCompare(a.manifest.createdAt) : 0));
  if (ok.length === 0) return null;
  return (
    <div className="scene-exports" data-testid="scene-exports">
      <span className="scene-exports-title">Exports <span className="count">{ok.length}</span></span>
      {ok.slice(0, limit).map((item) => {
        const m = item.status === 'ok' && item.manifest.kind === 'export' ? item.manifest : null;
        if (!m) return null;
        return (
          <div key={item.id} className="scene-export" data-testid="scene-export" data-id={item.id} data-format={m.format}>
            <span className="scene-export-format">{FORMAT_LABELS[m.format] ?? m.format}</span>
            {m.validation && <span className="card-validation" title={m.validation} data-testid="card-validation">✓ {m.validation}</span>}
            <ExportFiles item={item} onSave={onSave} limit={1} />
          </div>
        );
      })}
      {ok.length > limit && <span className="scene-exports-more">{ok.length - limit} older export{ok.length - limit === 1 ? '' : 's'}</span>}
    </div>
  );
}

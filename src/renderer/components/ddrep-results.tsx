// The scenes a DDRep job produced, side by side: each sample's picture (SIREN image or panorama), its
// method badge and seed, and a button that opens it in the viewer (shown as an image there).
import { fileUrl } from '../api';
import { DdrepBadge } from './ddrep-badge';
import type { GroupScene } from './sample-group';

interface DdrepResultsProps {
  group: readonly GroupScene[];
  method: string;
  panorama: boolean;
  onOpenScene(sceneId: string): void;
}

export function DdrepResults({ group, method, panorama, onOpenScene }: DdrepResultsProps) {
  const columns = panorama ? 1 : Math.min(4, group.length);
  return (
    <section className="sample-results" aria-labelledby="ddrep-results-title" data-testid="ddrep-results">
      <h3 id="ddrep-results-title" className="side-title">Results · {group.length} sample{group.length === 1 ? '' : 's'}</h3>
      <ol className="sample-result-row" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, ${panorama ? '100%' : '190px'}))` }}>
        {group.map((s) => (
          <li key={s.id} className="sample-result" data-testid="ddrep-result" data-id={s.id} data-index={s.index}>
            <button type="button" className={`sample-result-image ddrep-picture ${panorama ? 'panorama' : ''}`} onClick={() => onOpenScene(s.id)} aria-label={`Open sample ${s.index + 1} in the viewer`} tabIndex={-1}>
              {s.preview ? <img src={fileUrl(s.preview)} alt="" draggable={false} data-testid="ddrep-result-picture" /> : <span className="sample-tile-empty">No picture</span>}
            </button>
            <div className="sample-result-meta">
              <strong>Sample {s.index + 1}</strong>
              <DdrepBadge method={method} />
              <span className="muted">seed <span className="mono">{s.seed ?? '—'}</span></span>
            </div>
            <button type="button" className="button small primary" onClick={() => onOpenScene(s.id)} data-testid="ddrep-open">Open</button>
          </li>
        ))}
      </ol>
    </section>
  );
}

// The scenes a sample job produced, side by side: each sample's generated view, its seed, and a
// button that opens it in the 3D viewer. The input photo leads the row for comparison.
import { fileUrl } from '../api';
import type { GroupScene } from './sample-group';

interface SampleResultsProps {
  group: readonly GroupScene[];
  /** Workspace path of the input photo's thumbnail, if known. */
  photo: string | null;
  onOpenScene(sceneId: string): void;
}

export function SampleResults({ group, photo, onOpenScene }: SampleResultsProps) {
  return (
    <section className="sample-results" aria-labelledby="sample-results-title" data-testid="sample-results">
      <h3 id="sample-results-title" className="side-title">Results · {group.length} scene{group.length === 1 ? '' : 's'}</h3>
      <ol className="sample-result-row" style={{ gridTemplateColumns: `repeat(${Math.min(5, group.length + (photo ? 1 : 0))}, minmax(0, 190px))` }}>
        {photo && (
          <li className="sample-result photo">
            <div className="sample-result-image">
              <img src={fileUrl(photo)} alt="The input photo" draggable={false} />
            </div>
            <div className="sample-result-meta">
              <strong>Photo</strong>
              <span className="muted">input</span>
            </div>
          </li>
        )}
        {group.map((s) => (
          <li key={s.id} className="sample-result" data-testid="sample-result" data-id={s.id} data-index={s.index}>
            <button type="button" className="sample-result-image" onClick={() => onOpenScene(s.id)} aria-label={`Open sample ${s.index + 1} in the viewer`} tabIndex={-1}>
              {s.preview ? (
                <img src={fileUrl(s.preview)} alt="" draggable={false} data-testid="sample-result-preview" />
              ) : (
                <span className="sample-tile-empty">No preview</span>
              )}
            </button>
            <div className="sample-result-meta">
              <strong>Sample {s.index + 1}</strong>
              <span className="muted">seed <span className="mono">{s.seed ?? '—'}</span></span>
            </div>
            <button type="button" className="button small primary" onClick={() => onOpenScene(s.id)} data-testid="sample-open">
              Open in viewer
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

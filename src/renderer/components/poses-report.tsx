// On a posed capture's card: "8/10 images registered" and, folded, the files COLMAP could not
// register and the files skipped before posing (each by name, with the reason).
import type { PoseEstimate } from '../../shared';

export function PosesReport({ poses }: { poses: PoseEstimate }) {
  const problems = poses.unregistered.length + poses.skipped.length;
  const summary = `${poses.registered}/${poses.imageCount} images registered · ${poses.points.toLocaleString('en')} points · error ${poses.meanReprojectionError.toFixed(2)} px`;
  return (
    <div className="poses-report" data-testid="poses-report" data-registered={poses.registered} data-images={poses.imageCount}>
      <p className="card-facts" data-testid="poses-registered">{summary}</p>
      {problems > 0 && (
        <details className="poses-problems">
          <summary>
            {[
              poses.unregistered.length ? `${poses.unregistered.length} not registered` : '',
              poses.skipped.length ? `${poses.skipped.length} skipped` : '',
            ].filter(Boolean).join(' · ')}
          </summary>
          <ul data-testid="poses-unregistered">
            {poses.unregistered.map((f) => <li key={`u-${f}`}><code>{f}</code> — not registered (too little overlap with the others)</li>)}
            {poses.skipped.map((s) => <li key={`s-${s.file}`} data-testid="poses-skipped"><code>{s.file}</code> — skipped: {s.reason}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}

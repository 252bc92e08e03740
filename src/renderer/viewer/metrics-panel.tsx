// Beside the viewer: quality metrics (PSNR/SSIM), mesh statistics, how the scene was made,
// and its preview render.
import type { SceneManifest } from '../../shared';
import { fileUrl } from '../api';
import { formatDate, formatMetric, itemFilePath, metricLabel, orderedMetrics } from '../lib';
import type { MeshStats } from './scene-model';
import type { SplatStats } from './splat-view';
import { formatBytes } from './use-splat-scene';

interface MetricsPanelProps {
  manifest: SceneManifest;
  stats: MeshStats | null;
  /** False: the scene has no mesh file (the mesh section says so instead of waiting). */
  hasMesh?: boolean;
  sourceName: string | undefined;
  /** Splat scenes: Spark's statistics once loaded ('loading' before); null for other scenes. */
  splats?: SplatStats | 'loading' | null;
}

export function MetricsPanel({ manifest, stats, hasMesh = true, sourceName, splats = null }: MetricsPanelProps) {
  const metrics = orderedMetrics(manifest.metrics);
  const preview = manifest.files.preview ? itemFilePath('scene', manifest.id, manifest.files.preview) : null;
  const settings = Object.entries(manifest.settings).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  const size = stats ? stats.bounds.max.map((v, i) => v - stats.bounds.min[i]) : null;
  return (
    <aside className="viewer-side" aria-label="Scene details" data-testid="viewer-metrics">
      <section>
        <h3 className="side-title">Quality</h3>
        <dl className="kv">
          {metrics.length === 0 && <div><dt>Metrics</dt><dd>not measured</dd></div>}
          {metrics.map(([k, v]) => (
            <div key={k}><dt>{metricLabel(k)}</dt><dd data-testid={`metric-${k}`}>{formatMetric(k, v)}</dd></div>
          ))}
        </dl>
      </section>
      {splats && <SplatSection splats={splats} />}
      {!splats && <section>
        <h3 className="side-title">Mesh</h3>
        {!hasMesh && <p className="muted" data-testid="metrics-no-mesh">No surface was extracted; the volume shows the scene.</p>}
        {hasMesh && <dl className="kv">
          <div><dt>Vertices</dt><dd>{stats ? stats.vertices.toLocaleString('en-US') : '…'}</dd></div>
          <div><dt>Triangles</dt><dd>{stats ? stats.triangles.toLocaleString('en-US') : '…'}</dd></div>
          {stats && stats.points > 0 && <div><dt>Points</dt><dd>{stats.points.toLocaleString('en-US')}</dd></div>}
          <div><dt>Colours</dt><dd>{stats ? colourSource(stats) : '…'}</dd></div>
          <div><dt>Size</dt><dd>{size ? size.map((v) => v.toFixed(2)).join(' × ') : '…'}</dd></div>
        </dl>}
      </section>}
      <section>
        <h3 className="side-title">Made by</h3>
        <dl className="kv">
          <div><dt>Origin</dt><dd>{manifest.origin === 'reconstruction' ? 'Reconstruction' : 'Generated sample'}</dd></div>
          {manifest.sourceId && <div><dt>From</dt><dd>{sourceName ?? manifest.sourceId}</dd></div>}
          <div><dt>Created</dt><dd>{formatDate(manifest.createdAt)}</dd></div>
          {settings.slice(0, 6).map(([k, v]) => (
            <div key={k}><dt>{metricLabel(k)}</dt><dd>{String(v)}</dd></div>
          ))}
        </dl>
      </section>
      {preview && (
        <section>
          <h3 className="side-title">Preview render</h3>
          <div className="side-preview">
            <img src={fileUrl(preview)} alt="Preview render of the scene" />
          </div>
        </section>
      )}
    </aside>
  );
}

function colourSource(stats: MeshStats): string {
  if (stats.hasTexture) return stats.hasVertexColours ? 'texture + per vertex' : 'texture';
  return stats.hasVertexColours ? 'per vertex' : 'material';
}

function SplatSection({ splats }: { splats: SplatStats | 'loading' }) {
  const s = splats === 'loading' ? null : splats;
  const size = s ? s.bounds.max.map((v, i) => v - s.bounds.min[i]) : null;
  return (
    <section data-testid="metrics-splats">
      <h3 className="side-title">Gaussian splats</h3>
      <dl className="kv">
        <div><dt>Splats</dt><dd data-testid="splat-count">{s ? s.splats.toLocaleString('en-US') : '…'}</dd></div>
        <div><dt>Memory</dt><dd data-testid="splat-memory">{s ? formatBytes(s.memoryBytes) : '…'}</dd></div>
        <div><dt>SH degree</dt><dd>{s ? s.shDegree : '…'}</dd></div>
        <div><dt>Size</dt><dd>{size ? size.map((v) => v.toFixed(2)).join(' × ') : '…'}</dd></div>
      </dl>
    </section>
  );
}

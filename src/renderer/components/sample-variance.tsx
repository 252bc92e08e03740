// Where the samples disagree: the group's per-pixel standard deviation image (files.variance),
// drawn through a dark-to-bright colour map with a legend. Pixels the photo pins down agree across
// samples (dark); the unseen parts, where each sample made its own choice, light up. If the image
// cannot be read back from a canvas (e.g. a cross-origin file URL), it is shown as it is.
import { useEffect, useRef, useState } from 'react';
import { fileUrl } from '../api';
import { mapVariance, varianceGradient } from './sample-group';

interface SampleVarianceProps {
  path: string;
  samples: number;
  /** The group's largest per-pixel std (colour units 0-1) the image is normalised by, if known. */
  max: number | null;
}

type ViewState = { kind: 'loading' } | { kind: 'mapped'; max: number; nonUniform: number } | { kind: 'plain' } | { kind: 'error' };

export function SampleVariance({ path, samples, max }: SampleVarianceProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<ViewState>({ kind: 'loading' });
  const url = fileUrl(path);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    const img = new Image();
    img.onload = () => {
      if (!live) return;
      const target = canvas.current;
      const scratch = document.createElement('canvas');
      scratch.width = img.naturalWidth;
      scratch.height = img.naturalHeight;
      const sctx = scratch.getContext('2d', { willReadFrequently: true });
      const tctx = target?.getContext('2d');
      if (!sctx || !tctx || !target) {
        setState({ kind: 'plain' });
        return;
      }
      try {
        sctx.drawImage(img, 0, 0);
        const source = sctx.getImageData(0, 0, scratch.width, scratch.height);
        const mapped = mapVariance(source.data);
        target.width = scratch.width;
        target.height = scratch.height;
        tctx.putImageData(new ImageData(mapped.rgba, scratch.width, scratch.height), 0, 0);
        setState({ kind: 'mapped', max: mapped.max, nonUniform: mapped.nonUniform });
      } catch {
        setState({ kind: 'plain' });
      }
    };
    img.onerror = () => live && setState({ kind: 'error' });
    img.src = url;
    return () => {
      live = false;
    };
  }, [url]);

  const maxText = max !== null ? `σ ${max.toFixed(3)}` : 'most';
  return (
    <section className="sample-variance" aria-labelledby="sample-variance-title" data-testid="sample-variance" data-state={state.kind}
      data-non-uniform={state.kind === 'mapped' ? state.nonUniform.toFixed(4) : ''}>
      <h3 id="sample-variance-title" className="side-title">Where the {samples} samples disagree</h3>
      <div className="variance-body">
        <div className="variance-image">
          <canvas
            ref={canvas}
            hidden={state.kind !== 'mapped'}
            role="img"
            aria-label="Per-pixel standard deviation across the samples: dark where they agree, bright where they differ"
            data-testid="variance-canvas"
          />
          {state.kind === 'plain' && <img src={url} alt="Per-pixel standard deviation across the samples" />}
          {state.kind === 'loading' && <span className="sample-tile-empty">Loading…</span>}
          {state.kind === 'error' && <span className="sample-tile-empty">The variance image could not be loaded.</span>}
        </div>
        <div className="variance-legend" data-testid="variance-legend">
          <div className="legend-ramp" style={{ background: varianceGradient() }} aria-hidden="true" />
          <div className="legend-ends">
            <span>0 · samples agree</span>
            <span>{maxText} · disagree</span>
          </div>
          <p className="muted">
            Standard deviation of each pixel across the samples’ generated views (colour values 0–1, averaged over
            red, green and blue), scaled to the largest value in this group. What the photo shows should agree (dark);
            what it cannot see is where the samples differ (bright).
          </p>
        </div>
      </div>
    </section>
  );
}

// Live per-step estimates of a DDRep job. The runner rewrites one PNG grid per outer step: one row per
// sample; for SIREN images the estimate at the step-strip's snapshot steps so far, then the current
// estimate (last column); for panoramas the current canvas. Each row is shown on its own with its
// label. The next grid is decoded off-screen and swapped in once loaded, so rows never flash empty.
import { useDecodedPreview } from '../hooks/use-decoded-preview';
import type { JobPreview } from '../lib';

interface DdrepPreviewGridProps {
  preview: JobPreview | null;
  samples: number;
  /** 0-based sample now running (from the progress message), samples after it are waiting. */
  current: number | null;
  active: boolean;
  rep: string;
}


export function DdrepPreviewGrid({ preview, samples, current, active, rep }: DdrepPreviewGridProps) {
  const shown = useDecodedPreview(preview);

  const rowHeight = shown ? shown.height / samples : 0;
  const caption = rep === 'siren'
    ? 'Each row is one sample: its estimate at evenly spaced steps, then (last) the current estimate.'
    : 'Each row is one sample: the current estimate of the whole 360° panorama.';
  return (
    <section className="ddrep-preview" aria-label="Per-step estimates" data-testid="ddrep-preview" data-step={shown?.step ?? ''}>
      <p className="form-hint">{caption}</p>
      <ol className="ddrep-preview-rows">
        {Array.from({ length: samples }, (_, i) => {
          const state = !active || (current !== null && i < current) ? 'done' : i === current ? 'running' : 'waiting';
          const style = shown ? {
            backgroundImage: `url("${shown.url}")`,
            backgroundSize: '100% auto',
            backgroundPosition: samples > 1 ? `0 ${(100 * i) / (samples - 1)}%` : '0 0',
            aspectRatio: `${shown.width} / ${rowHeight}`,
          } : undefined;
          return (
            <li key={i} className={`ddrep-preview-row ${state}`} data-testid="ddrep-preview-row" data-state={state}>
              <span className="ddrep-preview-label"><strong>Sample {i + 1}</strong> <span className="muted">{state === 'running' ? 'running' : state === 'done' ? 'done' : 'waiting'}</span></span>
              {style
                ? <div className="ddrep-preview-image" style={style} role="img" aria-label={`Sample ${i + 1} estimates (preview of step ${shown?.step})`} />
                : <span className="sample-tile-empty">{active ? 'Waiting for the first step…' : 'No preview'}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

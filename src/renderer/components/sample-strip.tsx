// Live per-sample preview of a sample job. The engine rewrites one PNG strip per step (one tile per
// sample: the current x0 estimate; samples not started yet are grey); each tile is shown on its
// own, large, with its label and state. The next strip is decoded off-screen and swapped in only
// once loaded, so the tiles never flash empty between steps.
import { useDecodedPreview } from '../hooks/use-decoded-preview';
import type { JobPreview } from '../lib';
import { parseSampleMessage, sampleStage, stripTiles, tileBackground } from './sample-tiles';

interface SampleStripProps {
  preview: JobPreview | null;
  samples: number;
  step: number;
  total: number;
  message?: string;
  /** The job is still queued or running. */
  active: boolean;
}


export function SampleStrip({ preview, samples, step, total, message, active }: SampleStripProps) {
  const shown = useDecodedPreview(preview);

  const tiles = shown ? stripTiles(shown.width, shown.height, samples) : [];
  const parsed = parseSampleMessage(message);
  const stage = parsed ?? sampleStage(step, total, samples);
  // Every DDIM step done and no sample named (e.g. "writing scenes"): all tiles are final.
  const allDone = !active || (!parsed && total > 1 && step >= total);
  const columns = samples <= 4 ? samples : Math.ceil(samples / 2);
  return (
    <div
      className="sample-strip"
      data-testid="sample-strip"
      data-step={shown?.step ?? ''}
      data-src={shown?.url ?? ''}
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {Array.from({ length: samples }, (_, i) => {
        const tile = tiles[i];
        const style = tile && shown ? { backgroundImage: `url("${shown.url}")`, ...tileBackground(tile, shown.width, shown.height) } : undefined;
        const state = allDone || i < stage.current ? 'done' : i === stage.current ? 'running' : 'waiting';
        const running = stage.note ? capitalise(stage.note) : `Step ${stage.stepInSample} / ${stage.stepsPerSample}`;
        const label = state === 'running' ? running : state === 'done' ? 'Denoised' : 'Waiting';
        return (
          <figure key={i} className={`sample-tile ${state}`} data-testid="sample-tile" data-state={state}>
            <div className="sample-tile-image" style={style} role="img" aria-label={`Sample ${i + 1}: ${label}${shown ? ` (preview of step ${shown.step})` : ''}`}>
              {!style && <span className="sample-tile-empty">{active ? 'Waiting for the first step…' : 'No preview'}</span>}
            </div>
            <figcaption>
              <strong>Sample {i + 1}</strong>
              <span className="sample-tile-state">{label}</span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

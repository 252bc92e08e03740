// "Estimate camera poses…" on an unposed capture (photos or a video): matcher, max image size,
// and for a video how many frames to keep → startJob('poses'). The result is a new, posed capture;
// the one shown here is left as it is. Checked with the shared schema first, like Reconstruct.
import { useEffect, useState, type FormEvent } from 'react';
import { POSES_MATCHERS, PosesJobSpecSchema, type JobSpecInput, type WorkspaceItem } from '../../shared';
import { errorIsFor, itemName } from '../lib';
import type { UiError } from '../lib';
import { FieldError } from './field-error';
import { ModalDialog } from './modal-dialog';

interface PosesDialogProps {
  capture: WorkspaceItem | null;
  onClose(): void;
  onStart(spec: JobSpecInput): Promise<UiError | null>;
}

type Matcher = (typeof POSES_MATCHERS)[number];
const MATCHER_TEXT: Record<Matcher, { label: string; hint: string }> = {
  auto: { label: 'Automatic', hint: 'Sequential for video frames, every pair for photos' },
  exhaustive: { label: 'Every pair', hint: 'Best for photos taken in any order' },
  sequential: { label: 'Sequential', hint: 'Neighbouring frames only: fast for video' },
};

export function PosesDialog({ capture, onClose, onStart }: PosesDialogProps) {
  const [matcher, setMatcher] = useState<Matcher>('auto');
  const [maxSize, setMaxSize] = useState('1600');
  const [frames, setFrames] = useState('64');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const video = capture?.status === 'ok' && capture.manifest.kind === 'capture' && capture.manifest.format === 'video';
  const name = capture ? itemName(capture) : '';

  useEffect(() => { setError(null); }, [capture]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!capture) return;
    const parsed = PosesJobSpecSchema.safeParse({
      kind: 'poses', captureId: capture.id, matcher, maxSize: Number(maxSize), ...(video ? { frames: Number(frames) } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      const message = field === 'maxSize' ? 'Enter a whole number of pixels between 64 and 8192.'
        : field === 'frames' ? 'Enter a whole number of frames between 3 and 2000.' : issue?.message ?? 'Invalid settings';
      setError({ field, message });
      return;
    }
    setBusy(true);
    const result = await onStart(parsed.data);
    setBusy(false);
    setError(result);
    if (!result) onClose();
  };

  const sizeError = errorIsFor(error, 'maxSize') ? error?.message ?? null : null;
  const framesError = errorIsFor(error, 'frames') ? error?.message ?? null : null;
  const otherError = error && !sizeError && !framesError ? error.message : null;
  return (
    <ModalDialog open={capture !== null} title={`Estimate camera poses of “${name}”`} onClose={() => !busy && onClose()} testId="poses-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="field-hint">
          COLMAP finds where each {video ? 'frame' : 'photo'} was taken from. The result is a new capture you can reconstruct; this one stays as it is.
        </p>
        <fieldset className="field preset-group">
          <legend className="field-label">Matching</legend>
          <div className="preset-options">
            {POSES_MATCHERS.map((m) => (
              <label key={m} className="preset-option">
                <input type="radio" name="matcher" value={m} checked={matcher === m} onChange={() => setMatcher(m)} data-testid={`matcher-${m}`} />
                <span className="preset-text"><strong>{MATCHER_TEXT[m].label}</strong><span className="preset-hint">{MATCHER_TEXT[m].hint}</span></span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span className="field-label">Largest image side (pixels)</span>
          <input
            className={`input narrow ${sizeError ? 'invalid' : ''}`} type="number" inputMode="numeric" min={64} max={8192} step={1}
            value={maxSize} onChange={(e) => setMaxSize(e.target.value)} aria-invalid={sizeError ? true : undefined}
            aria-describedby="poses-size-error" data-testid="poses-max-size"
          />
          <FieldError id="poses-size-error" message={sizeError} />
        </label>
        {video && (
          <label className="field">
            <span className="field-label">Frames to keep (the sharpest, spread over the video)</span>
            <input
              className={`input narrow ${framesError ? 'invalid' : ''}`} type="number" inputMode="numeric" min={3} max={2000} step={1}
              value={frames} onChange={(e) => setFrames(e.target.value)} aria-invalid={framesError ? true : undefined}
              aria-describedby="poses-frames-error" data-testid="poses-frames"
            />
            <FieldError id="poses-frames-error" message={framesError} />
          </label>
        )}
        {otherError && <p className="banner error" role="alert">{otherError}</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy} data-testid="poses-start">
            {busy ? 'Starting…' : 'Estimate poses'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

// Accessible determinate progress bar. The fill is drawn with a transform, so updates never
// trigger layout.
import { progressFraction } from '../lib';

interface ProgressBarProps {
  step: number;
  total: number;
  label: string;
  tone?: 'active' | 'done' | 'stopped' | 'failed';
}

export function ProgressBar({ step, total, label, tone = 'active' }: ProgressBarProps) {
  const fraction = progressFraction(step, total);
  return (
    <div
      className={`progress ${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={Math.min(step, total)}
      data-testid="job-progress"
    >
      <div className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
    </div>
  );
}

// Live curves for any job in the job panel or a dialog: losses on one chart (log axis when they
// span decades) and PSNR/SSIM, when the job reports them, on a second one. Used for the
// reconstruct (fit) job's loss/PSNR chart; `points` come from useJobHistory.
import type { HistoryPoint } from '../hooks/use-job-history';
import { historyCurves } from '../hooks/use-job-history';
import { LossChart } from './loss-chart';

interface JobLossChartProps {
  jobId: string;
  points: readonly HistoryPoint[] | undefined;
  height?: number;
}

export function JobLossChart({ jobId, points, height = 110 }: JobLossChartProps) {
  const { losses, quality } = historyCurves(points ?? []);
  if (losses.length === 0 && quality.length === 0) return null;
  return (
    <div className="job-loss-chart" data-testid="job-loss-chart" data-job-id={jobId}>
      {losses.length > 0 && <LossChart title="Loss" series={losses} height={height} testId="job-loss" />}
      {quality.length > 0 && <LossChart title="Quality" series={quality} height={height} log={false} testId="job-quality" />}
    </div>
  );
}

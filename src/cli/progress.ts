// Terminal progress: one redrawn line on a TTY, plain periodic lines otherwise.
import type { RunnerProgress } from '../main/jobs';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return a >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

export function describeProgress(p: RunnerProgress): string {
  const parts = [`${p.step}/${p.total}`];
  for (const [k, v] of Object.entries(p.losses)) parts.push(`${k} ${formatNumber(v)}`);
  if (p.etaSeconds !== null) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
  if (p.message) parts.push(p.message);
  return parts.join('  ');
}

export class ProgressBar {
  private lastDraw = 0;
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly out: ProgressOutput = process.stderr,
    private readonly plainEveryMs = 5000,
  ) {}

  update(p: RunnerProgress): void {
    const now = Date.now();
    const frac = p.total > 0 ? Math.min(1, p.step / p.total) : 0;
    if (this.out.isTTY) {
      if (now - this.lastDraw < 100 && frac < 1) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round(frac * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      const line = `${this.label} ${bar} ${String(Math.round(frac * 100)).padStart(3)}%  ${describeProgress(p)}`;
      const cols = this.out.columns ?? 120;
      this.out.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, this.lastLine))}`);
      this.lastLine = Math.min(line.length, cols - 1);
      this.drawn = true;
    } else if (now - this.lastDraw >= this.plainEveryMs || (frac >= 1 && this.lastDraw !== -1)) {
      this.lastDraw = frac >= 1 ? -1 : now;
      this.out.write(`${this.label} ${Math.round(frac * 100)}%  ${describeProgress(p)}\n`);
    }
  }

  /** End the redrawn line (TTY) so later output starts on a fresh line. */
  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}

// Display formatting for the studio: durations/ETA, loss and metric values, dates.
// Pure functions (no DOM), unit-tested in format.test.ts.

const DASH = '—';

/** "—" for unknown, "< 1 s", "42 s", "3 min 05 s", "1 h 02 min", "2 d 03 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 1) return '< 1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return `${m} min ${pad2(s % 60)} s`;
  }
  const totalMinutes = Math.round(s / 60);
  if (totalMinutes < 24 * 60) {
    const h = Math.floor(totalMinutes / 60);
    return `${h} h ${pad2(totalMinutes % 60)} min`;
  }
  const totalHours = Math.round(s / 3600);
  return `${Math.floor(totalHours / 24)} d ${pad2(totalHours % 24)} h`;
}

/** ETA label for a job: "about 3 min 05 s left", or "—" while unknown. */
export function formatEta(seconds: number | null | undefined): string {
  const d = formatDuration(seconds);
  return d === DASH ? DASH : `${d} left`;
}

/** Progress fraction in [0, 1]; 0 for missing/invalid totals. */
export function progressFraction(step: number | undefined, total: number | undefined): number {
  if (!step || !total || !Number.isFinite(step) || !Number.isFinite(total) || total <= 0) return 0;
  return Math.min(1, Math.max(0, step / total));
}

const METRIC_LABELS: Record<string, string> = {
  loss: 'Loss',
  psnr: 'PSNR',
  ssim: 'SSIM',
  lpips: 'LPIPS',
};

/** Human label for a loss/metric key: "psnr" → "PSNR", "rgb_loss" → "Rgb loss". */
export function metricLabel(key: string): string {
  const known = METRIC_LABELS[key.toLowerCase()];
  if (known) return known;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Value of a loss/metric: PSNR in dB with 2 decimals, SSIM with 3, losses with 4 significant digits. */
export function formatMetric(key: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const k = key.toLowerCase();
  if (k === 'psnr' || k.endsWith('_psnr') || k.startsWith('psnr_')) return `${value.toFixed(2)} dB`;
  if (k === 'ssim' || k.endsWith('_ssim')) return value.toFixed(3);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

/** Losses ordered for display: "loss" first, then "psnr", "ssim", then the rest alphabetically. */
export function orderedMetrics(values: Record<string, number> | undefined): [string, number][] {
  if (!values) return [];
  const rank = (k: string): number => {
    const i = ['loss', 'psnr', 'ssim'].indexOf(k.toLowerCase());
    return i === -1 ? 3 : i;
  };
  return Object.entries(values)
    .filter(([, v]) => typeof v === 'number')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; older dates as a short absolute date. */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now.getTime() - t) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return formatDate(iso);
}

/** Short absolute date, "2025-11-22 14:05" in local time (stable across locales). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

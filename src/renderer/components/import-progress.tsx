// Upload and import progress of the import dialog: bytes and files sent, then "Importing…"
// while the backend validates and copies the capture.
import type { UploadProgress } from '../api';
import { ProgressBar } from './progress-bar';

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

export function ImportProgress({ phase, progress }: { phase: 'uploading' | 'importing'; progress: UploadProgress | null }) {
  const uploading = phase === 'uploading' && progress;
  return (
    <div className="import-progress" role="status" aria-live="polite" data-testid="import-progress" data-phase={phase}>
      <ProgressBar
        step={uploading ? progress.sentBytes : 1}
        total={uploading ? Math.max(1, progress.totalBytes) : 1}
        label={uploading ? 'Upload progress' : 'Importing'}
      />
      <p className="import-progress-text">
        {uploading
          ? `Uploading ${progress.doneFiles}/${progress.totalFiles} files · ${mb(progress.sentBytes)} of ${mb(progress.totalBytes)}`
          : 'Checking and copying the capture…'}
      </p>
    </div>
  );
}

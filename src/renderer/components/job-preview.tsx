// The live preview render of a running job. The file keeps its name while the engine rewrites
// it, so the URL carries the step it was rendered at.
import { fileUrl } from '../api';
import { cacheBust } from '../lib';
import type { JobPreview as Preview } from '../lib';

export function JobPreview({ preview, active }: { preview: Preview | null; active: boolean }) {
  return (
    <div className="job-preview" data-testid="job-preview">
      {preview ? (
        <img
          src={cacheBust(fileUrl(preview.path), preview.step)}
          alt={`Preview render at step ${preview.step}`}
          data-step={preview.step}
          draggable={false}
        />
      ) : (
        <span className="job-preview-empty">{active ? 'The preview appears after the first steps' : 'No preview'}</span>
      )}
    </div>
  );
}

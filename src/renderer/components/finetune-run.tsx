// One fine-tuning run on the Fine-tune screen: status with ETA and cancel/resume, live curves of
// every loss term, the periodic sample preview, and the new model with its provenance.
import type { JobRecord } from '../../shared';
import { fileUrl } from '../api';
import { cacheBust, isActive } from '../lib';
import { historyCurves } from '../hooks/use-job-history';
import { FinetuneResult } from './finetune-result';
import { preselectGenerateModel } from './generate-form';
import { JobStatus } from './generate-job-status';
import type { StudioScreenProps } from './generate-screen-props';
import { LossChart } from './loss-chart';

export function FinetuneRun({ job, data, history, nameOf, onJobAction, onScreen }: StudioScreenProps & { job: JobRecord }) {
  if (job.spec.kind !== 'train') return null;
  const spec = job.spec;
  const points = history[job.id] ?? [];
  const series = historyCurves(points).losses;
  const preview = data.previews[job.id] ?? null;
  const model = job.state === 'succeeded'
    ? data.items?.find((i) => i.kind === 'model' && job.resultIds.includes(i.id)) ?? null
    : null;
  const captures = spec.captureIds.map((id) => nameOf(id) ?? id).join(', ');
  const base = spec.baseModelId ? nameOf(spec.baseModelId) ?? spec.baseModelId : 'default model';
  const title = `${spec.steps} steps from ${base}`;
  return (
    <div className="flow-run-body" data-testid="finetune-run-view" data-job-id={job.id}>
      <JobStatus job={job} title={title} stepText={stepText(job)} onAction={onJobAction} testId="finetune-status" />
      <p className="run-settings muted" title={captures}>On {captures}</p>
      <div className="finetune-live">
        <div className="finetune-chart">
          <h3 className="side-title">Losses</h3>
          <LossChart title="Training losses" series={series} height={200} />
          {points.length > 0 && points[0].step > 1 && <p className="form-hint">The curves start at step {points[0].step}: the studio keeps figures only while this window is open, so after a reload they restart from the current step.</p>}
        </div>
        <figure className="finetune-preview" data-testid="finetune-preview" data-step={preview?.step ?? ''}>
          <h3 className="side-title">Sample preview</h3>
          <div className="finetune-preview-image">
            {preview ? (
              <img src={cacheBust(fileUrl(preview.path), preview.step)} alt={`Sample from the model at step ${preview.step}`} draggable={false} />
            ) : (
              <span className="sample-tile-empty">{isActive(job) ? 'A sample is rendered every few steps' : 'No sample rendered yet'}</span>
            )}
          </div>
          {preview && <figcaption className="muted">Step {preview.step}</figcaption>}
        </figure>
      </div>
      {model && (
        <FinetuneResult model={model} nameOf={nameOf} onUse={(id) => {
          preselectGenerateModel(id);
          onScreen('generate');
        }} />
      )}
      {job.state === 'succeeded' && !model && <p className="muted">Loading the new model…</p>}
    </div>
  );
}

function stepText(job: JobRecord): string {
  const p = job.progress;
  if (!p) return job.state === 'queued' ? 'Waiting for the engine' : 'Step —';
  if (job.state === 'succeeded') return `Finished · ${p.step} steps`;
  if (p.total <= 1 && p.message) return p.message.charAt(0).toUpperCase() + p.message.slice(1);
  return `Step ${p.step} / ${p.total}`;
}

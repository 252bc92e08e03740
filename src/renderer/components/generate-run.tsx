// One generation run on the Generate screen: status with step counter, ETA and cancel/resume, the
// live per-sample previews, then the N result scenes side by side and the variance view.
import type { JobRecord } from '../../shared';
import { isActive, itemName, thumbnailPath } from '../lib';
import { POOLINGS } from './generate-form';
import { JobStatus } from './generate-job-status';
import type { StudioScreenProps } from './generate-screen-props';
import { groupVariance, sampleGroup } from './sample-group';
import { SampleResults } from './sample-results';
import { SampleStrip } from './sample-strip';
import { SampleVariance } from './sample-variance';

export function GenerateRun({ job, data, nameOf, onJobAction, onOpenScene }: StudioScreenProps & { job: JobRecord }) {
  if (job.spec.kind !== 'sample') return null;
  const spec = job.spec;
  const p = job.progress;
  const active = isActive(job);
  const group = sampleGroup(data.items, job.id);
  const variance = groupVariance(group);
  const capture = data.items?.find((i) => i.kind === 'capture' && i.id === spec.captureId) ?? null;
  const model = spec.modelId ? nameOf(spec.modelId) ?? spec.modelId : 'default model';
  const title = `${spec.samples} sample${spec.samples === 1 ? '' : 's'} from ${capture ? itemName(capture) : spec.captureId}`;
  const combine = (POOLINGS.find((c) => c.value === spec.pooling)?.label ?? spec.pooling).toLowerCase();
  const settings = `${model} · ${spec.steps} steps · guidance ${spec.guidance} · temperature ${spec.temperature} · seed ${spec.seed} · ${spec.path} · combine ${combine}`;
  const showStrip = active || job.state !== 'succeeded' || group.length === 0;
  return (
    <div className="flow-run-body" data-testid="generate-run-view" data-job-id={job.id}>
      <JobStatus job={job} title={title} stepText={stepText(job)} onAction={onJobAction} testId="generate-status" />
      <p className="run-settings muted" title={settings} data-testid="generate-settings-summary">{settings}</p>
      {showStrip && (
        <SampleStrip preview={data.previews[job.id] ?? null} samples={spec.samples} step={p?.step ?? 0} total={p?.total ?? 1} message={p?.message} active={active} />
      )}
      {job.state === 'succeeded' && group.length === 0 && <p className="muted">Loading the generated scenes…</p>}
      {group.length > 0 && (
        <>
          <SampleResults group={group} photo={capture ? thumbnailPath(capture) : null} onOpenScene={onOpenScene} />
          {variance && <SampleVariance path={variance} samples={group.length} max={group.find((g) => g.varianceMax !== null)?.varianceMax ?? null} />}
        </>
      )}
    </div>
  );
}

function stepText(job: JobRecord): string {
  const p = job.progress;
  if (!p) return job.state === 'queued' ? 'Waiting for the engine' : 'Step —';
  if (job.state === 'succeeded') return 'Finished';
  if (p.message) return capitalise(p.message);
  return `Step ${p.step} / ${p.total}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

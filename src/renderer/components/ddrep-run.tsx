// One DDRep run on the Generate screen: status with step counter, ETA and cancel/resume, the live
// per-step estimates of every sample, then the samples side by side as scenes (each opens in the viewer).
import { DDREP_METHOD_LABEL, DDREP_REP_CHOICES, type JobRecord } from '../../shared';
import { isActive, itemName } from '../lib';
import { DdrepPreviewGrid } from './ddrep-preview-grid';
import { DdrepResults } from './ddrep-results';
import { JobStatus } from './generate-job-status';
import type { StudioScreenProps } from './generate-screen-props';
import { sampleGroup } from './sample-group';

export function DdrepRun({ job, data, onJobAction, onOpenScene }: StudioScreenProps & { job: JobRecord }) {
  if (job.spec.kind !== 'ddrep') return null;
  const spec = job.spec;
  const p = job.progress;
  const active = isActive(job);
  const group = sampleGroup(data.items, job.id);
  const capture = spec.captureId ? data.items?.find((i) => i.kind === 'capture' && i.id === spec.captureId) ?? null : null;
  const rep = DDREP_REP_CHOICES.find((c) => c.value === spec.rep)?.label ?? spec.rep;
  const method = DDREP_METHOD_LABEL[spec.method];
  const title = `${method}: ${spec.samples} ${rep}${spec.samples === 1 ? '' : 's'}${spec.captureId ? ` completing ${capture ? itemName(capture) : spec.captureId}` : ''}`;
  const settings = `image prior · ${spec.steps ?? 'default'} steps · guidance ${spec.guidance ?? 'default'}${spec.inner ? ` · inner ${spec.inner}` : ''} · seed ${spec.seed}`;
  const current = currentSample(p?.message);
  const showGrid = active || job.state !== 'succeeded' || group.length === 0;
  return (
    <div className="flow-run-body" data-testid="ddrep-run-view" data-job-id={job.id}>
      <JobStatus job={job} title={title} stepText={stepText(job)} onAction={onJobAction} testId="ddrep-status" />
      <p className="run-settings muted" title={settings} data-testid="ddrep-settings-summary">{settings}</p>
      {showGrid && <DdrepPreviewGrid preview={data.previews[job.id] ?? null} samples={spec.samples} current={current} active={active} rep={spec.rep} />}
      {job.state === 'succeeded' && group.length === 0 && <p className="muted">Loading the samples…</p>}
      {group.length > 0 && <DdrepResults group={group} method={spec.method} panorama={spec.rep === 'panorama'} onOpenScene={onOpenScene} />}
    </div>
  );
}

/** "sample 2/4, step 13/50" -> 1 (0-based); null when the message names no sample. */
function currentSample(message: string | undefined): number | null {
  const m = /^sample (\d+)\/\d+/.exec(message ?? '');
  return m ? Number(m[1]) - 1 : null;
}

function stepText(job: JobRecord): string {
  const p = job.progress;
  if (!p) return job.state === 'queued' ? 'Waiting for the engine' : 'Step —';
  if (job.state === 'succeeded') return 'Finished';
  if (p.message) return p.message.charAt(0).toUpperCase() + p.message.slice(1);
  return `Step ${p.step} / ${p.total}`;
}

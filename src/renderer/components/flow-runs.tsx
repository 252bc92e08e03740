// What the Generate and Fine-tune screens share: the runs of one job kind, which one is shown
// (the one just started, the one picked, else the newest), starting a run, and the run picker.
import { useState } from 'react';
import type { JobRecord, JobSpecInput } from '../../shared';
import { formatDate, jobTitle, toUiError } from '../lib';
import type { UiError } from '../lib';
import type { StudioScreenProps } from './generate-screen-props';
import { latestJob } from './sample-group';

export interface FlowRuns {
  /** Runs of the kind, newest first. */
  runs: JobRecord[];
  /** The run the screen shows, or null before the first one. */
  job: JobRecord | null;
  choose(jobId: string): void;
  /** Starts a run and shows it; resolves to the error to show in the form, or null. */
  start(spec: JobSpecInput): Promise<UiError | null>;
}

export function useFlowRuns(props: StudioScreenProps, kind: 'sample' | 'train', startedMessage: string): FlowRuns {
  const { api, data, notify } = props;
  const [chosenId, setChosenId] = useState<string | null>(null);
  // The record startJob returned, shown until the job list catches up with it.
  const [started, setStarted] = useState<JobRecord | null>(null);
  const runs = data.jobs.filter((j) => j.spec.kind === kind).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const chosen = chosenId ? data.jobs.find((j) => j.id === chosenId) ?? (started?.id === chosenId ? started : null) : null;
  const job = chosen ?? latestJob(data.jobs, kind);

  const start = async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      const record = await api.startJob(spec);
      setStarted(record);
      setChosenId(record.id);
      data.refreshJobs();
      notify(startedMessage, { tone: 'info' });
      return null;
    } catch (e) {
      return toUiError(e);
    }
  };
  return { runs, job, choose: setChosenId, start };
}

/** "Run: <date> · <title>" select, shown once there is more than one run to pick from. */
export function RunPicker({ flow, nameOf, testId }: { flow: FlowRuns; nameOf: StudioScreenProps['nameOf']; testId: string }) {
  const { runs, job } = flow;
  if (runs.length <= 1 || !job) return null;
  return (
    <label className="flow-run-picker">
      <span className="muted">Run</span>
      <select className="input" value={job.id} onChange={(e) => flow.choose(e.target.value)} data-testid={testId}>
        {runs.map((r) => <option key={r.id} value={r.id}>{formatDate(r.createdAt)} · {jobTitle(r, nameOf)}</option>)}
      </select>
    </label>
  );
}

// What the Generate and Fine-tune screens share: the runs of one job kind, which one is shown
// (the one just started, the one picked, else the newest), starting a run, the run picker and the
// screen layout.
import { useState, type ReactNode } from 'react';
import type { JobRecord, JobSpecInput } from '../../shared';
import { formatDate, jobTitle, toUiError } from '../lib';
import type { UiError } from '../lib';
import type { StudioScreenProps } from './generate-screen-props';

export interface FlowRuns {
  /** Runs of the kind, newest first. */
  runs: JobRecord[];
  /** The run the screen shows, or null before the first one. */
  job: JobRecord | null;
  choose(jobId: string): void;
  /** Starts a run and shows it; resolves to the error to show in the form, or null. */
  start(spec: JobSpecInput): Promise<UiError | null>;
}

/** `kind`: the job kind(s) the screen runs (Generate: DFM 'sample' and 'ddrep'). */
export function useFlowRuns(props: StudioScreenProps, kind: 'sample' | 'train' | readonly JobRecord['spec']['kind'][], startedMessage: string | ((spec: JobSpecInput) => string)): FlowRuns {
  const kinds: readonly string[] = typeof kind === 'string' ? [kind] : kind;
  const { api, data, notify } = props;
  const [chosenId, setChosenId] = useState<string | null>(null);
  // The record startJob returned, shown until the job list catches up with it.
  const [started, setStarted] = useState<JobRecord | null>(null);
  const runs = data.jobs.filter((j) => kinds.includes(j.spec.kind)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const chosen = chosenId ? data.jobs.find((j) => j.id === chosenId) ?? (started?.id === chosenId ? started : null) : null;
  const job = chosen ?? runs[0] ?? null;

  const start = async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      const record = await api.startJob(spec);
      setStarted(record);
      setChosenId(record.id);
      data.refreshJobs();
      notify(typeof startedMessage === 'string' ? startedMessage : startedMessage(spec), { tone: 'info' });
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

export interface FlowScreenProps {
  /** Prefix of the screen's test ids: `<testId>-screen`, `<testId>-run`, `<testId>-intro`. */
  testId: string;
  title: string;
  subtitle: string;
  flow: FlowRuns;
  nameOf: StudioScreenProps['nameOf'];
  /** The settings form (left). */
  form: ReactNode;
  /** Accessible name of the run panel (right). */
  runLabel: string;
  /** The shown run, or null to show the intro. */
  run: ReactNode | null;
  introTitle: string;
  intro: ReactNode;
}

/** The layout both flow screens use: toolbar with the run picker, settings left, the run (or an intro) right. */
export function FlowScreen(p: FlowScreenProps) {
  return (
    <div className="flow-screen" data-testid={`${p.testId}-screen`}>
      <header className="flow-toolbar">
        <h2 className="screen-title">{p.title}</h2>
        <p className="muted">{p.subtitle}</p>
        <RunPicker flow={p.flow} nameOf={p.nameOf} testId={`${p.testId}-run`} />
      </header>
      <div className="flow-body">
        <aside className="flow-settings">{p.form}</aside>
        <section className="flow-run" aria-label={p.runLabel}>
          {p.run ?? (
            <div className="flow-intro" data-testid={`${p.testId}-intro`}>
              <h3>{p.introTitle}</h3>
              <p className="muted">{p.intro}</p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

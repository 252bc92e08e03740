// The Fine-tune screen: settings on the left; on the right the chosen training run — live curves
// of every loss term, the periodic sample preview, ETA, cancel/resume — and, when it is done, the
// new model with its provenance.
import { useState } from 'react';
import type { JobRecord, JobSpecInput } from '../../shared';
import { formatDate, jobTitle, toUiError } from '../lib';
import type { UiError } from '../lib';
import '../styles/flows.css';
import { FinetuneForm } from './finetune-form';
import { FinetuneRun } from './finetune-run';
import type { StudioScreenProps } from './generate-screen-props';
import { latestJob } from './sample-group';

export function FinetuneScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [started, setStarted] = useState<JobRecord | null>(null);
  const runs = data.jobs.filter((j) => j.spec.kind === 'train').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const job = (chosenId ? data.jobs.find((j) => j.id === chosenId) ?? (started?.id === chosenId ? started : null) : null) ?? latestJob(data.jobs, 'train');

  const start = async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      const record = await api.startJob(spec);
      setStarted(record);
      setChosenId(record.id);
      data.refreshJobs();
      notify('Fine-tuning started — follow the loss curves on the right.', { tone: 'info' });
      return null;
    } catch (e) {
      return toUiError(e);
    }
  };

  return (
    <div className="flow-screen" data-testid="finetune-screen">
      <header className="flow-toolbar">
        <h2 className="screen-title">Fine-tune</h2>
        <p className="muted">Teach a model your own captures; the result is a new model for Generate.</p>
        {runs.length > 1 && job && (
          <label className="flow-run-picker">
            <span className="muted">Run</span>
            <select className="input" value={job.id} onChange={(e) => setChosenId(e.target.value)} data-testid="finetune-run">
              {runs.map((r) => <option key={r.id} value={r.id}>{formatDate(r.createdAt)} · {jobTitle(r, nameOf)}</option>)}
            </select>
          </label>
        )}
      </header>
      <div className="flow-body">
        <aside className="flow-settings">
          <FinetuneForm api={api} items={data.items} notify={notify} onStart={start} />
        </aside>
        <section className="flow-run" aria-label="Fine-tuning run">
          {job?.spec.kind === 'train' ? <FinetuneRun {...props} job={job} /> : (
            <div className="flow-intro" data-testid="finetune-intro">
              <h3>Fine-tune on your captures</h3>
              <p className="muted">
                Choose one or more posed captures and a base model. While it trains you will see every loss term as a curve,
                a sample render every few steps and the time left; cancel at any time and resume from the last checkpoint.
              </p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

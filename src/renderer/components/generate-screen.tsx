// The Generate screen: settings on the left; on the right the chosen generation run — live
// per-sample previews with step counter, ETA and cancel/resume while it runs, then the N scenes
// side by side (each opens in the viewer) and the variance view of where they disagree.
import { useState } from 'react';
import type { JobRecord, JobSpecInput } from '../../shared';
import { formatDate, jobTitle, toUiError } from '../lib';
import type { UiError } from '../lib';
import '../styles/flows.css';
import { GenerateForm } from './generate-form';
import { GenerateRun } from './generate-run';
import type { StudioScreenProps } from './generate-screen-props';
import { latestJob } from './sample-group';

export function GenerateScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [started, setStarted] = useState<JobRecord | null>(null);
  const runs = data.jobs.filter((j) => j.spec.kind === 'sample').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const job = (chosenId ? data.jobs.find((j) => j.id === chosenId) ?? (started?.id === chosenId ? started : null) : null) ?? latestJob(data.jobs, 'sample');

  const start = async (spec: JobSpecInput): Promise<UiError | null> => {
    try {
      const record = await api.startJob(spec);
      setStarted(record);
      setChosenId(record.id);
      data.refreshJobs();
      notify('Generation started — the samples appear on the right as they are denoised.', { tone: 'info' });
      return null;
    } catch (e) {
      return toUiError(e);
    }
  };

  return (
    <div className="flow-screen" data-testid="generate-screen">
      <header className="flow-toolbar">
        <h2 className="screen-title">Generate</h2>
        <p className="muted">Sample several different 3D scenes that all agree with one photo.</p>
        {runs.length > 1 && job && (
          <label className="flow-run-picker">
            <span className="muted">Run</span>
            <select className="input" value={job.id} onChange={(e) => setChosenId(e.target.value)} data-testid="generate-run">
              {runs.map((r) => <option key={r.id} value={r.id}>{formatDate(r.createdAt)} · {jobTitle(r, nameOf)}</option>)}
            </select>
          </label>
        )}
      </header>
      <div className="flow-body">
        <aside className="flow-settings">
          <GenerateForm api={api} items={data.items} notify={notify} onStart={start} />
        </aside>
        <section className="flow-run" aria-label="Generation run">
          {job?.spec.kind === 'sample' ? <GenerateRun {...props} job={job} /> : (
            <div className="flow-intro" data-testid="generate-intro">
              <h3>From one photo to several 3D scenes</h3>
              <p className="muted">
                Pick a photo and press <strong>Generate</strong>. Each sample is denoised step by step and shown here live;
                when the run finishes, the scenes appear side by side, each ready to open in the viewer, with a map of where they disagree.
              </p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

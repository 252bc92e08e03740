// The Fine-tune screen: settings on the left; on the right the chosen training run — live curves
// of every loss term, the periodic sample preview, ETA, cancel/resume — and, when it is done, the
// new model with its provenance.
import '../styles/flows.css';
import { RunPicker, useFlowRuns } from './flow-runs';
import { FinetuneForm } from './finetune-form';
import { FinetuneRun } from './finetune-run';
import type { StudioScreenProps } from './generate-screen-props';

export function FinetuneScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const flow = useFlowRuns(props, 'train', 'Fine-tuning started — follow the loss curves on the right.');
  const { job } = flow;

  return (
    <div className="flow-screen" data-testid="finetune-screen">
      <header className="flow-toolbar">
        <h2 className="screen-title">Fine-tune</h2>
        <p className="muted">Teach a model your own captures; the result is a new model for Generate.</p>
        <RunPicker flow={flow} nameOf={nameOf} testId="finetune-run" />
      </header>
      <div className="flow-body">
        <aside className="flow-settings">
          <FinetuneForm api={api} items={data.items} notify={notify} onStart={flow.start} />
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

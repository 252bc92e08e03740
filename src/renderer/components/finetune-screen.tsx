// The Fine-tune screen: settings on the left; on the right the chosen training run — live curves
// of every loss term, the periodic sample preview, ETA, cancel/resume — and, when it is done, the
// new model with its provenance.
import '../styles/flows.css';
import { FlowScreen, useFlowRuns } from './flow-runs';
import { FinetuneForm } from './finetune-form';
import { FinetuneRun } from './finetune-run';
import type { StudioScreenProps } from './generate-screen-props';

export function FinetuneScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const flow = useFlowRuns(props, 'train', 'Fine-tuning started — follow the loss curves on the right.');
  const { job } = flow;

  return (
    <FlowScreen
      testId="finetune"
      title="Fine-tune"
      subtitle="Teach a model your own captures; the result is a new model for Generate."
      flow={flow}
      nameOf={nameOf}
      form={<FinetuneForm api={api} items={data.items} notify={notify} onStart={flow.start} />}
      runLabel="Fine-tuning run"
      run={job?.spec.kind === 'train' ? <FinetuneRun {...props} job={job} /> : null}
      introTitle="Fine-tune on your captures"
      intro={<>
        Choose one or more posed captures and a base model. While it trains you will see every loss term as a curve,
        a sample render every few steps and the time left; cancel at any time and resume from the last checkpoint.
      </>}
    />
  );
}

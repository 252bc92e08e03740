// The Generate screen: settings on the left; on the right the chosen generation run — live
// per-sample previews with step counter, ETA and cancel/resume while it runs, then the N scenes
// side by side (each opens in the viewer) and the variance view of where they disagree.
import '../styles/flows.css';
import { FlowScreen, useFlowRuns } from './flow-runs';
import { GenerateForm } from './generate-form';
import { GenerateRun } from './generate-run';
import type { StudioScreenProps } from './generate-screen-props';

export function GenerateScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const flow = useFlowRuns(props, 'sample', 'Generation started — the samples appear on the right as they are denoised.');
  const { job } = flow;

  return (
    <FlowScreen
      testId="generate"
      title="Generate"
      subtitle="Sample several different 3D scenes that all agree with one photo."
      flow={flow}
      nameOf={nameOf}
      form={<GenerateForm api={api} items={data.items} notify={notify} onStart={flow.start} />}
      runLabel="Generation run"
      run={job?.spec.kind === 'sample' ? <GenerateRun {...props} job={job} /> : null}
      introTitle="From one photo to several 3D scenes"
      intro={<>
        Pick a photo and press <strong>Generate</strong>. Each sample is denoised step by step and shown here live;
        when the run finishes, the scenes appear side by side, each ready to open in the viewer, with a map of where they disagree.
      </>}
    />
  );
}

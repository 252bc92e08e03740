// The Generate screen: settings on the left; on the right the chosen generation run — live
// per-sample previews with step counter, ETA and cancel/resume while it runs, then the N results
// side by side. "Method" picks DFM (3D scenes from one photo) or DDRep (a SIREN image, a panorama or a radiance field
// sampled from the image prior with DDRep, SDS or SJC); both kinds of run are listed in the run picker.
import '../styles/flows.css';
import { useState } from 'react';
import { ChoiceField, type Choice } from './choice-field';
import { DdrepForm } from './ddrep-form';
import { DdrepRun } from './ddrep-run';
import { FlowScreen, useFlowRuns } from './flow-runs';
import { GenerateForm } from './generate-form';
import { GenerateRun } from './generate-run';
import type { StudioScreenProps } from './generate-screen-props';

type Generator = 'dfm' | 'ddrep';

const GENERATORS: Choice<Generator>[] = [
  { value: 'dfm', label: 'DFM', hint: 'Several different 3D scenes that agree with one photo (diffusion with forward models)' },
  { value: 'ddrep', label: 'DDRep (image prior)', hint: 'Sample an image, a 360° panorama or a 3D radiance field from the image prior, training-free; SDS and SJC beside it to compare' },
];

/** Kept for the window's life, like the forms' settings. */
let rememberedGenerator: Generator = 'dfm';

export function GenerateScreen(props: StudioScreenProps) {
  const { api, data, nameOf, notify } = props;
  const [generator, setGenerator] = useState<Generator>(rememberedGenerator);
  const flow = useFlowRuns(props, ['sample', 'ddrep'], (spec) => (spec.kind === 'ddrep'
    ? 'Sampling started — each sample\'s estimate appears on the right at every step.'
    : 'Generation started — the samples appear on the right as they are denoised.'));
  const { job } = flow;
  const choose = (g: Generator) => { rememberedGenerator = g; setGenerator(g); };
  const method = <ChoiceField legend="Method" name="generate-method" testIdPrefix="generate-method" choices={GENERATORS} value={generator} onChange={choose} />;

  return (
    <FlowScreen
      testId="generate"
      title="Generate"
      subtitle="Sample several different 3D scenes that all agree with one photo, or images and panoramas from the image prior."
      flow={flow}
      nameOf={nameOf}
      form={generator === 'dfm'
        ? <GenerateForm api={api} items={data.items} notify={notify} onStart={flow.start} header={method} />
        : <DdrepForm api={api} items={data.items} notify={notify} onStart={flow.start} header={method} />}
      runLabel="Generation run"
      run={job?.spec.kind === 'sample' ? <GenerateRun {...props} job={job} /> : job?.spec.kind === 'ddrep' ? <DdrepRun {...props} job={job} /> : null}
      introTitle="From one photo to several 3D scenes"
      intro={<>
        Pick a photo and press <strong>Generate</strong>. Each sample is denoised step by step and shown here live;
        when the run finishes, the scenes appear side by side, each ready to open in the viewer, with a map of where they disagree.
        With <strong>DDRep</strong>, pick a representation and a method instead: every sample&apos;s estimate shows here at each step.
      </>}
    />
  );
}

// What a runner is: the code a worker executes for one job kind. Runners read their inputs
// from folders, write outputs into `stagingDir`, report progress, checkpoint and stop when asked.
import type { BackendName, ItemKind } from '../../../shared';
import type { Tf } from '../../../engine/tf';
import type { RgbImage } from '../../../engine/data/types';

export interface RunnerProgress {
  step: number;
  total: number;
  losses: Record<string, number>;
  etaSeconds: number | null;
  message?: string;
  /** Named stage of jobs that have them (poses: 'features', 'matching'...); step/total count within it. */
  stage?: string;
}

export interface RunnerContext {
  tf: Tf;
  backend: BackendName;
  adapter: string;
  /** Runner-specific parameters (validated by the runner). */
  params: unknown;
  /** Job folder: checkpoints and previews live here (not for outputs). */
  jobDir: string;
  /** Empty folder for outputs; each output item is a sub-folder named in RunnerOutput.dir. */
  stagingDir: string;
  /** Last complete checkpoint, when resuming. */
  resumeFrom: { bytes: Uint8Array; step: number } | null;
  /** Extra options from the host (used by test runners). */
  options: Record<string, unknown>;
  progress(p: RunnerProgress, preview?: RgbImage): void;
  /** True once the host asked the job to stop (cancel); the runner checkpoints and returns. */
  shouldStop(): boolean;
  /** Hand a checkpoint to the host; resolves once it is durably written. */
  checkpoint(bytes: Uint8Array, step: number): Promise<void>;
}

/** One item the runner produced, to become a workspace item (or a CLI output folder). */
export interface RunnerOutput {
  kind: ItemKind;
  name: string;
  /** Sub-folder of stagingDir holding the item's files. */
  dir: string;
  /** Kind-specific manifest fields (files, metrics, settings, ...). */
  fields: Record<string, unknown>;
}

export type RunnerResult = { status: 'succeeded'; outputs: RunnerOutput[]; summary?: Record<string, number> } | { status: 'stopped' };

export type Runner = (ctx: RunnerContext) => Promise<RunnerResult>;

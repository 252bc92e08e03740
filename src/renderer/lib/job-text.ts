// Wording for jobs in the panel: titles, state labels, which buttons apply, and what the user
// can do after a failure. Pure functions, unit-tested in job-text.test.ts.
import { DDREP_METHOD_LABEL, DEFAULT_FIT_PRESET, type JobRecord, type JobState } from '../../shared';

const STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  cancelling: 'Cancelling…',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
  succeeded: 'Done',
};

export function jobStateLabel(state: JobState): string {
  return STATE_LABELS[state];
}

export function canCancel(job: JobRecord): boolean {
  return job.state === 'queued' || job.state === 'running';
}

export function canResume(job: JobRecord): boolean {
  return job.state === 'cancelled' || job.state === 'interrupted' || job.state === 'failed';
}

/** "Reconstruct Sample capture · draft · 0.3 min"; names come from the gallery when known. */
export function jobTitle(job: JobRecord, nameOf: (id: string) => string | undefined): string {
  const spec = job.spec;
  switch (spec.kind) {
    case 'fit': {
      const what = nameOf(spec.captureId) ?? spec.captureId;
      if (spec.method === 'splats') {
        const iterations = spec.iterations !== undefined ? ` · ${spec.iterations} iterations` : ' · iterations auto';
        return `Reconstruct ${what} · Gaussian splats${iterations} · ${trimNumber(spec.minutes)} min`;
      }
      return `Reconstruct ${what} · ${spec.preset ?? DEFAULT_FIT_PRESET} · ${trimNumber(spec.minutes)} min`;
    }
    case 'export':
      return `Export ${nameOf(spec.sceneId) ?? spec.sceneId} as ${exportLabel(spec)}`;
    case 'train':
      return `Fine-tune on ${spec.captureIds.length} capture${spec.captureIds.length === 1 ? '' : 's'} · ${spec.steps} steps`;
    case 'sample':
      return `Generate ${spec.samples} from ${nameOf(spec.captureId) ?? spec.captureId} · ${spec.steps} steps · ${spec.path}`;
    case 'poses':
      return `Estimate camera poses of ${nameOf(spec.captureId) ?? spec.captureId} · ${spec.matcher} matcher · ≤${spec.maxSize} px`;
    case 'ddrep': {
      const from = spec.captureId ? ` from ${nameOf(spec.captureId) ?? spec.captureId}` : '';
      const steps = spec.steps !== undefined ? ` · ${spec.steps} steps` : '';
      return `${DDREP_METHOD_LABEL[spec.method]} ${spec.samples} × ${spec.rep === 'siren' ? 'SIREN image' : spec.rep}${from}${steps}`;
    }
  }
}

type ExportSpec = Extract<JobRecord['spec'], { kind: 'export' }>;

/** "GLB", "GLB (web)", "PLY mesh", "PLY points", "turntable (36 frames, 256 px)". */
function exportLabel(spec: ExportSpec): string {
  switch (spec.format) {
    case 'glb': return spec.preset === 'web' ? 'GLB (web)' : 'GLB';
    case 'ply': return 'PLY mesh';
    case 'ply-points': return 'PLY points';
    case 'turntable': return `turntable (${spec.frames} frames, ${spec.size} px)`;
    case 'spz': return 'SPZ splats';
    case 'splat': return '.splat splats';
  }
}

/** What the user can do next, for jobs that stopped without finishing; null otherwise. */
export function jobAdvice(job: JobRecord): string | null {
  const from = job.checkpointStep !== null && job.checkpointStep > 0
    ? `Resume continues from the checkpoint at step ${job.checkpointStep}.`
    : 'Resume starts it again from the beginning (no checkpoint was saved yet).';
  switch (job.state) {
    case 'failed':
      return [failureHint(job.error ?? '', job.spec.kind === 'fit' && job.spec.method === 'splats'), from].filter(Boolean).join(' ');
    case 'interrupted':
      return `The studio stopped while this job was running. ${from}`;
    case 'cancelled':
      return from;
    default:
      return null;
  }
}

function failureHint(error: string, splats = false): string {
  if (/out of memory|\boom\b|allocat|memory/i.test(error)) {
    // Splat fits have no preset: their memory grows with the Gaussians densification adds.
    return splats
      ? 'The engine ran out of memory: close other jobs, or reconstruct again with fewer iterations or as a voxel field.'
      : 'The engine ran out of memory: close other jobs, or reconstruct again with the draft preset.';
  }
  if (/no surface|no mesh|empty mesh/i.test(error)) {
    return 'The scene has no surface to export yet: reconstruct it longer, or export PLY points or a turntable instead.';
  }
  if (/model file|checksum|corrupt|truncated/i.test(error)) {
    return 'The model file is damaged or from another version: pick another model, or add the default model again.';
  }
  if (/not found|no such file|enoent|missing/i.test(error)) {
    return 'A file the job needs is missing: check the capture is still in the gallery (restore it from the trash if you deleted it).';
  }
  if (/crash|exited|terminated|killed|worker/i.test(error)) {
    return 'The engine worker stopped unexpectedly; the studio itself is fine.';
  }
  if (/backend|webgpu|wasm|adapter/i.test(error)) {
    return 'The compute backend failed: restart the studio, or choose the wasm or cpu backend.';
  }
  return '';
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

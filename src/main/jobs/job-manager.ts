// The job queue: persistent records, `concurrency` jobs at a time (1 by default: one GPU job),
// progress/state events, cooperative cancel with a final checkpoint, resume from the last
// checkpoint, failure isolation (the host reports, the queue goes on) and restart recovery.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JOB_RESULT_KIND, StudioError } from '../../shared';
import type { BackendChoice, JobProgress, JobRecord, JobSpec, StudioEvent } from '../../shared';
import type { EngineHost, RunningTask, RunOutcome } from '../engine-host/node-worker-host';
import { makeJobId, toWorkspaceRelative } from '../workspace';
import type { Workspace } from '../workspace';
import { latestCheckpoint, removeCheckpoints, writeCheckpoint } from './checkpoints';
import { JobStore } from './job-store';
import { resolveTask } from './job-tasks';

export interface JobManagerOptions {
  workspace: Workspace;
  host: EngineHost;
  backend: BackendChoice;
  concurrency: number;
  emit(event: StudioEvent): void;
  /** Runner name -> module URL overriding the built-in registry (tests). */
  runnerModules?: Record<string, string>;
  runnerOptions?: Record<string, unknown>;
  /** Folder of the app's shipped resources (default model); default: the app's resources/. */
  resourcesDir?: string;
  /** Minimum interval between progress writes to job.json (default 2000 ms). */
  progressSaveMs?: number;
  /** Minimum interval between progress events per job (default 100 ms). */
  progressEventMs?: number;
}

/** Job kinds whose runner must be stopped (not only terminated) when the studio closes. */
const STOP_BEFORE_KILL: ReadonlySet<JobSpec['kind']> = new Set(['poses']);
/** How long close() waits for those to stop before terminating them, ms. */
const CLOSE_STOP_GRACE_MS = 5000;

const RECOVER: JobRecord['state'][] = ['running', 'queued', 'cancelling'];
const RESUMABLE: JobRecord['state'][] = ['cancelled', 'interrupted', 'failed'];

export class JobManager {
  private readonly records = new Map<string, JobRecord>();
  private readonly running = new Map<string, RunningTask>();
  private readonly store: JobStore;
  private readonly lastSave = new Map<string, number>();
  private readonly lastEmit = new Map<string, number>();
  private closing = false;

  private constructor(private readonly o: JobManagerOptions) {
    this.store = new JobStore(o.workspace.jobsDir);
  }

  /** Load records; jobs that were running, queued or cancelling become `interrupted`. */
  static async open(options: JobManagerOptions): Promise<JobManager> {
    const m = new JobManager(options);
    for (const r of await m.store.loadAll()) {
      if (RECOVER.includes(r.state)) {
        r.state = 'interrupted';
        r.error = 'the studio stopped while this job was active; resume to continue from the last checkpoint';
        r.updatedAt = new Date().toISOString();
        await m.store.save(r);
      }
      m.records.set(r.id, r);
    }
    return m;
  }

  list(): JobRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  get(jobId: string): JobRecord {
    const r = this.records.get(jobId);
    if (!r) throw new StudioError('not-found', `no job "${jobId}"`, 'jobId');
    return r;
  }

  async start(spec: JobSpec): Promise<JobRecord> {
    await resolveTask(this.o.workspace, spec, { resourcesDir: this.o.resourcesDir }); // fail fast on missing/damaged inputs
    const now = new Date().toISOString();
    const record: JobRecord = {
      schemaVersion: 1, id: makeJobId(), spec, state: 'queued', createdAt: now, updatedAt: now,
      progress: null, checkpointStep: null, error: null, resultIds: [], backend: null,
    };
    this.records.set(record.id, record);
    await this.update(record, {});
    this.pump();
    return structuredClone(record);
  }

  async cancel(jobId: string): Promise<JobRecord> {
    const r = this.get(jobId);
    if (r.state === 'queued') await this.update(r, { state: 'cancelled' });
    else if (r.state === 'running') {
      await this.update(r, { state: 'cancelling' });
      this.running.get(jobId)?.stop();
    } else if (r.state !== 'cancelling') {
      throw new StudioError('conflict', `job "${jobId}" is ${r.state} and cannot be cancelled`, 'jobId');
    }
    return structuredClone(r);
  }

  async resume(jobId: string): Promise<JobRecord> {
    const r = this.get(jobId);
    if (!RESUMABLE.includes(r.state)) {
      throw new StudioError('conflict', `job "${jobId}" is ${r.state}; only cancelled, failed or interrupted jobs resume`, 'jobId');
    }
    await this.update(r, { state: 'queued', error: null });
    this.pump();
    return structuredClone(r);
  }

  /** Resolves when the job reaches a state where nothing more happens without a user action. */
  whenSettled(jobId: string): Promise<JobRecord> {
    const settled = () => ['succeeded', 'failed', 'cancelled', 'interrupted'].includes(this.get(jobId).state);
    return new Promise((resolve) => {
      const check = () => (settled() && !this.running.has(jobId) ? resolve(structuredClone(this.get(jobId))) : setTimeout(check, 20));
      check();
    });
  }

  /** Stop workers (jobs become interrupted and resumable) and flush records. */
  async close(): Promise<void> {
    this.closing = true;
    // Jobs running external tools (COLMAP) are asked to stop first: their runner aborts the tool,
    // which kills its process group. Terminating the worker at once would skip that and leave the
    // tool running on its own after the studio quits.
    const graceful = [...this.running.entries()].filter(([id]) => STOP_BEFORE_KILL.has(this.records.get(id)?.spec.kind ?? 'fit'));
    for (const [, task] of graceful) task.stop();
    await Promise.all(graceful.map(([, t]) => Promise.race([t.done, new Promise((r) => setTimeout(r, CLOSE_STOP_GRACE_MS))])));
    for (const task of this.running.values()) task.kill();
    await Promise.all([...this.running.values()].map((t) => t.done));
    await this.store.flush();
  }

  private async update(r: JobRecord, patch: Partial<JobRecord>): Promise<void> {
    Object.assign(r, patch, { updatedAt: new Date().toISOString() });
    this.lastSave.set(r.id, Date.now());
    await this.store.save(r);
    this.o.emit({ type: 'job', job: structuredClone(r) });
  }

  private pump(): void {
    if (this.closing) return;
    const queued = [...this.records.values()].filter((r) => r.state === 'queued').sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    for (const r of queued) {
      if (this.running.size >= this.o.concurrency) break;
      this.running.set(r.id, { stop() {}, kill() {}, done: Promise.resolve({ status: 'stopped' }) }); // reserve the slot
      void this.execute(r).catch((err) => this.update(r, { state: 'failed', error: `job host error: ${(err as Error).message}` }))
        .finally(() => { this.running.delete(r.id); this.pump(); });
    }
  }

  private async execute(r: JobRecord): Promise<void> {
    const jobDir = this.store.jobDir(r.id);
    const stagingDir = join(jobDir, 'staging');
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(stagingDir, { recursive: true });
    let task;
    try {
      task = await resolveTask(this.o.workspace, r.spec, { resourcesDir: this.o.resourcesDir });
    } catch (err) {
      await this.update(r, { state: 'failed', error: (err as Error).message });
      return;
    }
    const resumeFrom = r.checkpointStep !== null ? await latestCheckpoint(jobDir) : null;
    if (this.closing) {
      await this.update(r, { state: 'interrupted' });
      return;
    }
    await this.update(r, { state: 'running', error: null });
    const previewFile = join(jobDir, 'preview.png');
    const running = this.o.host.run({
      jobId: r.id, runner: task.runner, params: task.params, backend: this.o.backend, jobDir, stagingDir,
      preview: { file: previewFile, rel: toWorkspaceRelative(this.o.workspace.dir, previewFile) },
      resumeFrom, runnerModules: this.o.runnerModules, runnerOptions: this.o.runnerOptions,
    }, {
      onBackend: (backend, adapter) => void this.update(r, { backend: `${backend}: ${adapter}` }),
      onProgress: (p, preview) => this.progress(r, {
        step: Math.max(0, Math.round(p.step)), total: Math.max(1, Math.round(p.total)), losses: p.losses,
        etaSeconds: p.etaSeconds === null ? null : Math.max(0, p.etaSeconds), message: p.message,
        ...(p.stage ? { stage: p.stage } : {}),
        preview: preview ?? r.progress?.preview,
      }),
      onCheckpoint: async (bytes, step) => {
        await writeCheckpoint(jobDir, step, bytes);
        await this.update(r, { checkpointStep: step });
      },
    });
    if (r.state === 'cancelling') running.stop(); // cancelled while starting
    this.running.set(r.id, running);
    await this.finish(r, await running.done, stagingDir);
  }

  private progress(r: JobRecord, progress: JobProgress): void {
    const previous = r.progress;
    r.progress = progress;
    // At most one event per progressEventMs per job, but never drop the last step or a new preview.
    const now = Date.now();
    const due = now - (this.lastEmit.get(r.id) ?? 0) >= (this.o.progressEventMs ?? 100);
    if (due || progress.step >= progress.total || progress.preview !== previous?.preview) {
      this.lastEmit.set(r.id, now);
      this.o.emit({ type: 'progress', jobId: r.id, progress });
    }
    if (Date.now() - (this.lastSave.get(r.id) ?? 0) > (this.o.progressSaveMs ?? 2000)) {
      this.lastSave.set(r.id, Date.now());
      void this.store.save(r);
    }
  }

  private async finish(r: JobRecord, outcome: RunOutcome, stagingDir: string): Promise<void> {
    if (this.closing && outcome.status !== 'succeeded') {
      await this.update(r, { state: 'interrupted', error: 'the studio closed while this job was running' });
      return;
    }
    if (outcome.status === 'failed') {
      await this.update(r, { state: 'failed', error: outcome.error });
    } else if (outcome.status === 'stopped') {
      await this.update(r, { state: r.state === 'cancelling' ? 'cancelled' : 'interrupted' });
    } else {
      // The studio's UI trusts JOB_RESULT_KIND (e.g. a fit's toast offers "Open scene"); a runner
      // that commits another kind is a bug, so the job fails instead of committing a surprise.
      const expected = JOB_RESULT_KIND[r.spec.kind];
      const stray = outcome.result.outputs.find((out) => out.kind !== expected);
      if (stray) {
        await this.update(r, { state: 'failed', error: `internal error: the ${r.spec.kind} job produced a ${stray.kind} ("${stray.name}") where it must produce ${expected} items; nothing was saved` });
        return;
      }
      const ids: string[] = [];
      for (const out of outcome.result.outputs) {
        const item = await this.o.workspace.commitItem(out.kind, out.name, join(stagingDir, out.dir), out.fields);
        ids.push(item.id);
        this.o.emit({ type: 'workspace', kind: out.kind });
      }
      await removeCheckpoints(this.store.jobDir(r.id));
      await rm(stagingDir, { recursive: true, force: true });
      await this.update(r, { state: 'succeeded', resultIds: ids, error: null });
    }
  }
}

// Persistent job records: `.jobs/<id>/job.json`, validated with JobRecordSchema on load.
// Writes for one job are serialised so an older record never lands after a newer one.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobRecordSchema } from '../../shared';
import type { JobRecord } from '../../shared';
import { writeJsonAtomic } from '../workspace';

export const JOB_FILE = 'job.json';

export class JobStore {
  private readonly chains = new Map<string, Promise<void>>();
  /** Job folders whose job.json could not be read (kept on disk, reported, never overwritten). */
  readonly damaged: { id: string; reason: string }[] = [];

  constructor(readonly jobsDir: string) {}

  jobDir(id: string): string {
    if (!/^job-[a-z0-9-]{1,64}$/.test(id)) throw new Error(`invalid job id "${id}"`);
    return join(this.jobsDir, id);
  }

  async loadAll(): Promise<JobRecord[]> {
    await mkdir(this.jobsDir, { recursive: true });
    const records: JobRecord[] = [];
    for (const name of await readdir(this.jobsDir)) {
      if (!name.startsWith('job-')) continue;
      try {
        const parsed = JobRecordSchema.safeParse(JSON.parse(await readFile(join(this.jobsDir, name, JOB_FILE), 'utf8')));
        if (parsed.success && parsed.data.id === name) records.push(parsed.data);
        else this.damaged.push({ id: name, reason: parsed.success ? 'id does not match folder' : parsed.error.issues[0]?.message ?? 'invalid' });
      } catch (err) {
        this.damaged.push({ id: name, reason: (err as Error).message });
      }
    }
    return records;
  }

  /** Persist a snapshot of the record (atomic, in order per job). */
  save(record: JobRecord): Promise<void> {
    const snapshot = structuredClone(record);
    const dir = this.jobDir(record.id);
    const prev = this.chains.get(record.id) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(async () => {
      await mkdir(dir, { recursive: true });
      await writeJsonAtomic(join(dir, JOB_FILE), snapshot);
    });
    this.chains.set(record.id, next);
    return next;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()].map((p) => p.catch(() => undefined)));
  }
}

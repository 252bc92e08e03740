// Atomic file writes: the target either keeps its old content or has the complete new
// content, never a partial file. Recipe: write a hidden temp file in the same directory,
// fsync it, rename it over the target, fsync the directory so the rename is durable.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files are hidden (`.name.tmp-xxxxxx`) so listings never show a partial file. */
export const TEMP_MARKER = '.tmp-';

export type AtomicData = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARKER}${randomBytes(4).toString('hex')}`);
}

/** fsync a directory so a rename/create inside it survives a crash (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw err;
  } finally {
    await fh?.close();
  }
}

/** Write `data` to `target` atomically (temp in same dir + fsync + rename + fsync dir). */
export async function writeFileAtomic(target: string, data: AtomicData): Promise<void> {
  const tmp = tempPathFor(target);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await fh.writeFile(data);
    } else {
      for await (const chunk of data as AsyncIterable<Uint8Array>) await fh.write(chunk);
    }
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(target));
}

export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`);
}

/** Rename a file or folder and make both parent directories durable. */
export async function moveAtomic(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDir(dirname(to));
  if (dirname(from) !== dirname(to)) await fsyncDir(dirname(from));
}

/** Remove temp files left behind by writes that were killed midway (non-recursive). */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (name.startsWith('.') && name.includes(TEMP_MARKER)) {
      const p = join(dir, name);
      if ((await stat(p)).isFile()) {
        await rm(p, { force: true });
        removed.push(name);
      }
    }
  }
  return removed;
}

// The external-tool runner with real processes (sh scripts stand in for COLMAP: the runner
// treats every binary alike): lines streamed, log tail in failures, cancel kills the whole
// process group, one-line install hint when a tool is missing.
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool, runTool, ToolCancelledError, ToolFailedError, ToolMissingError } from './index';

/** Running (a zombie left for an init that does not reap is dead: it holds no resources). */
const alive = (pid: number) => {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('findTool', () => {
  it('finds a binary on PATH and honours PARALLAX_COLMAP', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tool-'));
    const fake = path.join(dir, 'colmap');
    await fs.writeFile(fake, '#!/bin/sh\necho hi\n', { mode: 0o755 });
    expect(await findTool('colmap', { PATH: `/nonexistent:${dir}` })).toBe(fake);
    expect(await findTool('ffmpeg', { PATH: '', PARALLAX_FFMPEG: fake })).toBe(fake);
    await fs.rm(dir, { recursive: true });
  });

  it('says in one line what is missing and how to install it', async () => {
    const err = await findTool('colmap', { PATH: '/nonexistent' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolMissingError);
    expect((err as Error).message).toBe('COLMAP is not installed (no `colmap` on PATH and PARALLAX_COLMAP is not set); install it with `sudo apt-get install colmap ffmpeg`');
    await expect(findTool('ffmpeg', { PARALLAX_FFMPEG: '/no/such/ffmpeg' })).rejects.toThrow(/^ffmpeg is not installed \(PARALLAX_FFMPEG="\/no\/such\/ffmpeg" is not an executable file\); install it with `sudo apt-get install colmap ffmpeg`$/);
  });
});

describe('runTool', () => {
  it('streams stdout and stderr lines (also \\r-terminated ones)', async () => {
    const lines: string[] = [];
    await runTool('/bin/sh', ['-c', 'echo one; printf "two\\rthree\\n" 1>&2; echo four'], { onLine: (l, s) => lines.push(`${s}:${l}`) });
    expect(lines.filter((l) => l.startsWith('stdout'))).toEqual(['stdout:one', 'stdout:four']);
    expect(lines.filter((l) => l.startsWith('stderr'))).toEqual(['stderr:two', 'stderr:three']);
  });

  it('fails with the exit code and the tail of the log', async () => {
    const err = await runTool('/bin/sh', ['-c', 'for i in 1 2 3 4 5; do echo line $i; done; exit 3'], { tailLines: 2, label: 'mapper' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolFailedError);
    expect((err as Error).message).toBe('mapper failed (exit code 3); last lines of its log:\n  line 4\n  line 5');
  });

  it('cancel kills the whole process group, children included', async () => {
    const ac = new AbortController();
    const pids: number[] = [];
    // The shell ignores SIGTERM, so only the SIGKILL after the grace period ends it.
    const run = runTool('/bin/sh', ['-c', 'trap "" TERM; sleep 60 & echo child $!; echo self $$; wait'], {
      signal: ac.signal, killGraceMs: 300, onLine: (l) => { const m = /(\d+)$/.exec(l); if (m) pids.push(Number(m[1])); if (pids.length === 2) ac.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(ToolCancelledError);
    expect(pids.length).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });
});

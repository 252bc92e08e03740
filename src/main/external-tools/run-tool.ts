// Run an external program as a child process in its own process group:
// - stdout/stderr are split into lines and streamed to `onLine` (progress parsing);
// - the last `tailLines` lines are kept for the error message when it fails;
// - an AbortSignal (and the exit of this process) kills the WHOLE group, SIGTERM then SIGKILL
//   after `killGraceMs`, so helpers the tool started die with it.
import { spawn } from 'node:child_process';

export interface RunToolOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  tailLines: number;
  killGraceMs: number;
  /** Short name used in messages (default: the binary's file name). */
  label?: string;
}
export const RUN_TOOL_DEFAULTS: RunToolOptions = { tailLines: 40, killGraceMs: 2000 };

export interface RunToolResult { seconds: number; tail: string[] }

export class ToolFailedError extends Error {
  constructor(readonly label: string, readonly code: number | null, readonly signalName: string | null, readonly tail: string[]) {
    const how = code !== null ? `exit code ${code}` : `signal ${signalName}`;
    super(`${label} failed (${how})${tail.length ? `; last lines of its log:\n  ${tail.slice(-12).join('\n  ')}` : ''}`);
    this.name = 'ToolFailedError';
  }
}

export class ToolCancelledError extends Error {
  constructor(readonly label: string) {
    super(`${label} was cancelled`);
    this.name = 'ToolCancelledError';
  }
}

/** Process groups still running, killed if this process exits first (Ctrl-C, crash). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) {
      try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
    }
  });
}

function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try { process.kill(-pgid, sig); } catch { /* the group is gone */ }
}

export function runTool(bin: string, args: string[], options: Partial<RunToolOptions> = {}): Promise<RunToolResult> {
  const o: RunToolOptions = { ...RUN_TOOL_DEFAULTS, ...options };
  const label = o.label ?? bin.split('/').pop() ?? bin;
  if (o.signal?.aborted) return Promise.reject(new ToolCancelledError(label));
  installExitHook();
  const start = Date.now();
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: o.cwd, env: o.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const pgid = child.pid;
    if (pgid !== undefined) liveGroups.add(pgid);
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (pgid === undefined || cancelled) return;
      cancelled = true;
      killGroup(pgid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pgid, 'SIGKILL'), o.killGraceMs);
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const pump = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
      let rest = '';
      const emit = (line: string) => {
        tail.push(line);
        if (tail.length > o.tailLines) tail.shift();
        o.onLine?.(line, name);
      };
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        // COLMAP and ffmpeg also end progress lines with '\r'.
        const parts = (rest + chunk).split(/\r\n|\n|\r/);
        rest = parts.pop() ?? '';
        for (const p of parts) if (p.trim()) emit(p);
      });
      stream.on('end', () => { if (rest.trim()) emit(rest); rest = ''; });
    };
    pump(child.stdout, 'stdout');
    pump(child.stderr, 'stderr');
    child.on('error', (e) => {
      if (pgid !== undefined) liveGroups.delete(pgid);
      o.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`${label} could not be started: ${e.message}`));
    });
    // The leader is gone: nothing else of its group may survive it (or hold its pipes open).
    child.on('exit', () => { if (pgid !== undefined) killGroup(pgid, 'SIGKILL'); });
    child.on('close', (code, sig) => {
      if (pgid !== undefined) liveGroups.delete(pgid);
      if (killTimer) clearTimeout(killTimer);
      o.signal?.removeEventListener('abort', onAbort);
      if (cancelled) reject(new ToolCancelledError(label));
      else if (code === 0) resolve({ seconds: (Date.now() - start) / 1000, tail });
      else reject(new ToolFailedError(label, code, sig, tail));
    });
  });
}

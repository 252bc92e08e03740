// Tests only: run the real `parallax` CLI in a child process, optionally SIGKILLing it once
// `killWhen()` turns true (polled), to prove commands resume after kill -9.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'bin/parallax.mjs');

export interface CliRun {
  code: number | null;
  signal: string | null;
  /** stdout and stderr interleaved. */
  out: string;
}

export function runCli(args: string[], killWhen?: () => boolean, pollMs = 20): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const timer: NodeJS.Timeout | undefined = killWhen
      ? setInterval(() => { if (killWhen()) { clearInterval(timer); child.kill('SIGKILL'); } }, pollMs)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => { if (timer) clearInterval(timer); resolve({ code, signal, out }); });
  });
}

// Start the real backend in web mode for e2e tests: `node bin/parallax.mjs serve` as a child
// process (the CLI runs from sources via tsx). `restart()` stops it and starts it again on
// the same port, token and workspace, so an open page keeps working after its event socket
// reconnects (and jobs running at the stop come back as interrupted).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StudioServer {
  /** URL carrying the token (`http://127.0.0.1:PORT/?token=…`): open this first. */
  url: string;
  token: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  workspaceDir: string;
  /** Everything the child printed (stdout + stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export interface StartServerOptions {
  /** Workspace folder; a fresh temp folder by default. */
  workspaceDir?: string;
  backend?: 'auto' | 'webgpu' | 'wasm' | 'cpu';
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const ROOT = process.cwd();

function launch(args: string[], env: Record<string, string>, timeoutMs: number, log: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/parallax.mjs'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<{ child: ChildProcess; info: { url: string; token: string; origin: string; port: number } }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`e2e server did not start within ${timeoutMs} ms:\n${log.join('')}`));
    }, timeoutMs);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      buffered += text;
      const match = /(http:\/\/([^/\s]+))\/\?token=([A-Za-z0-9_-]+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        const [url, origin, hostPort, token] = match;
        resolve({ child, info: { url, origin, token, port: Number(hostPort.split(':').pop()) } });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e server exited with code ${code}:\n${log.join('')}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startStudioServer(options: StartServerOptions = {}): Promise<StudioServer> {
  const workspaceDir = options.workspaceDir ?? (await mkdtemp(join(tmpdir(), 'parallax-e2e-')));
  const env = options.env ?? {};
  const timeout = options.startTimeoutMs ?? 60_000;
  const log: string[] = [];
  const base = ['--workspace', workspaceDir, '--backend', options.backend ?? 'auto'];
  let { child, info } = await launch([...base, '--port', '0'], env, timeout, log);
  // `--token=value`: a base64url token may start with '-', which a separate argument would read as an option.
  const fixed = [...base, '--port', String(info.port), `--token=${info.token}`];

  return {
    ...info,
    workspaceDir,
    output: () => log.join(''),
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child);
      ({ child, info } = await launch(fixed, env, timeout, log));
    },
  };
}

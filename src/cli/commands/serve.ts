// parallax serve [--host H] [--port P] [--workspace W] [--backend B]: web mode. The studio UI
// and the StudioApi over HTTP + WebSocket, token-protected, loopback by default.
import { existsSync } from 'node:fs';
import { startWebServer } from '../../main/server';
import { createStudioService, findUp } from '../../main/studio';
import { resolveWorkspaceDir } from '../../main/workspace';
import { UsageError, backendFlag, numberFlag, parse } from '../args';
import type { Log } from '../log';

export const SERVE_HELP = `parallax serve [--host <H>] [--port <P>] [--workspace <dir>] [--backend <B>]

Serve the studio in web mode. Binds 127.0.0.1 by default; every request needs the session
token printed in the URL. Use --host 0.0.0.0 (or an address) for a remote engine box.

  --concurrency <N>  jobs run at the same time (default 1)
  --isolation <I>    thread (default) | process: run each job in a child process, so even a
                     native crash (GPU driver abort) fails only that job
  --token <T>        reuse a session token instead of a random one`;

export async function serveCommand(argv: string[], log: Log): Promise<number> {
  const { values } = parse(argv, {
    host: { type: 'string' }, port: { type: 'string' }, workspace: { type: 'string' },
    backend: { type: 'string' }, concurrency: { type: 'string' }, token: { type: 'string' },
    isolation: { type: 'string' },
  }, 'serve');
  if (values.help) { log.result(SERVE_HELP); return 0; }
  const port = numberFlag(values.port, 'port', { min: 0, max: 65535, integer: true }) ?? 0;
  const concurrency = numberFlag(values.concurrency, 'concurrency', { min: 1, max: 16, integer: true }) ?? 1;
  const isolation = values.isolation ?? 'thread';
  if (isolation !== 'thread' && isolation !== 'process') throw new UsageError(`--isolation: expected thread|process, got "${isolation}"`);
  const rendererDir = findUp('out/renderer') ?? 'out/renderer';
  if (!existsSync(rendererDir)) log.info(`note: the renderer is not built (${rendererDir}); run \`npm run build\` for the UI`);
  const service = await createStudioService({
    workspaceDir: resolveWorkspaceDir(values.workspace), backend: backendFlag(values.backend), host: 'web', concurrency, isolation,
  });
  const server = await startWebServer({
    service, rendererDir, port, ...(values.host ? { host: values.host } : {}), ...(values.token ? { token: values.token } : {}),
  });
  log.info(`workspace: ${service.workspaceDir}`);
  log.result(`Parallax Studio is serving at ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info('shutting down…');
  await server.close();
  await service.close();
  return 0;
}

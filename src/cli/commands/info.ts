// parallax info [--workspace W] [--backend B]: version, backend + adapter (probed in a worker
// exactly as jobs do), workspace location.
import { NodeWorkerHost } from '../../main/engine-host';
import { appVersion } from '../../main/studio';
import { resolveWorkspaceDir } from '../../main/workspace';
import { backendFlag, parse } from '../args';
import type { Log } from '../log';

export const INFO_HELP = `parallax info [--workspace <dir>] [--backend <B>]

Print the engine backend and adapter jobs will use, and the workspace folder.`;

export async function infoCommand(argv: string[], log: Log): Promise<number> {
  const { values } = parse(argv, { workspace: { type: 'string' }, backend: { type: 'string' } }, 'info');
  if (values.help) { log.result(INFO_HELP); return 0; }
  const choice = backendFlag(values.backend);
  const host = new NodeWorkerHost();
  try {
    const { backend, adapter } = await host.probe(choice);
    log.result(`Parallax Studio ${appVersion()}`);
    log.result(`backend    ${backend}${choice === 'auto' ? ' (auto)' : ''}`);
    log.result(`adapter    ${adapter}`);
    log.result(`workspace  ${resolveWorkspaceDir(values.workspace)}`);
    return 0;
  } finally {
    await host.close();
  }
}

// Where an external program lives: $PARALLAX_<NAME> when set (a path to the binary), else the
// first executable `<name>` on PATH. When it is missing the error is one line naming what is
// missing and the command that installs it.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

export type ExternalTool = 'colmap' | 'ffmpeg';

export const INSTALL_HINT = 'sudo apt-get install colmap ffmpeg';

const LABEL: Record<ExternalTool, string> = { colmap: 'COLMAP', ffmpeg: 'ffmpeg' };

export class ToolMissingError extends Error {
  constructor(readonly tool: ExternalTool, detail: string) {
    super(`${LABEL[tool]} is not installed (${detail}); install it with \`${INSTALL_HINT}\``);
    this.name = 'ToolMissingError';
  }
}

export const envVarFor = (tool: ExternalTool): string => `PARALLAX_${tool.toUpperCase()}`;

async function isExecutable(p: string): Promise<boolean> {
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return false;
    await fs.access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of the tool's binary, or a ToolMissingError. */
export async function findTool(tool: ExternalTool, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const override = env[envVarFor(tool)];
  if (override) {
    const p = path.resolve(override);
    if (await isExecutable(p)) return p;
    throw new ToolMissingError(tool, `${envVarFor(tool)}=${JSON.stringify(override)} is not an executable file`);
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, tool);
    if (await isExecutable(p)) return p;
  }
  return Promise.reject(new ToolMissingError(tool, `no \`${tool}\` on PATH and ${envVarFor(tool)} is not set`));
}

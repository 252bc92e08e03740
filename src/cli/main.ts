// The `parallax` command. bin/parallax.mjs registers tsx and calls main(), so it runs from the
// repository without a build.
import { StudioError } from '../shared';
import { VolumeFileError } from '../shared/volume-file';
import { CaptureError } from '../engine/data/errors';
import { ModelFileError } from '../engine/model-file/errors';
import { ZipExtractError } from '../main/capture-io/zip-extract';
import { ToolCancelledError, ToolFailedError, ToolMissingError } from '../main/external-tools';
import { PosesError } from '../main/poses/types';
import { UsageError } from './args';
import { datasetCli } from './commands/dataset-cli';
import { exportCommand } from './commands/export';
import { fitCommand } from './commands/fit';
import { evalCli, sampleCli, trainCli } from './commands/generative-cli';
import { infoCommand } from './commands/info';
import { posesCommand } from './commands/poses';
import { renderCommand } from './commands/render';
import { serveCommand } from './commands/serve';
import { consoleLog } from './log';
import type { Log } from './log';
import { RunFailed } from './run-direct';

type Command = (argv: string[], log: Log) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  info: { run: infoCommand, summary: 'backend, adapter and workspace' },
  serve: { run: serveCommand, summary: 'web mode: the studio over HTTP + WebSocket (token-protected)' },
  poses: { run: posesCommand, summary: 'camera poses for unposed photos, a zip or a video (COLMAP) -> capture folder' },
  fit: { run: fitCommand, summary: 'reconstruct a capture folder into a scene folder' },
  export: { run: exportCommand, summary: 'export a scene as GLB or PLY' },
  render: { run: renderCommand, summary: 'render turntable or capture-camera PNG frames of a scene' },
  train: { run: trainCli, summary: 'train or fine-tune a DFM model on capture folders (resumable)' },
  sample: { run: sampleCli, summary: 'sample 3D scenes from one photo with a DFM model' },
  eval: { run: evalCli, summary: 'evaluate DFM against the deterministic baseline' },
  ddrep: { run: async (argv, log) => (await import('./commands/ddrep')).ddrepCommand(argv, log), summary: 'sample SIREN images or panoramas from the image prior (DDRep, SDS, SJC)' },
  'eval-prior': { run: async (argv, log) => (await import('./commands/eval-prior')).evalPriorCommand(argv, log), summary: 'compare the image prior, DDRep, SDS and SJC samples (KID, diversity, sharpness)' },
  dataset: { run: datasetCli, summary: 'procedural captures and datasets (see parallax dataset --help)' },
};

export const HELP = `usage: parallax <command> [options]   (parallax <command> --help for details)

${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`).join('\n')}

Workspace: --workspace <dir>, else $PARALLAX_WORKSPACE, else "Parallax Studio" in your documents.`;

export async function main(argv: string[], log: Log = consoleLog): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    log.result(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    log.error(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, log);
  } catch (err) {
    if (err instanceof UsageError) {
      log.error(`${err.message}\n(run \`parallax ${name} --help\` for usage)`);
      return 2;
    }
    log.error(isExpected(err) ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  }
}

/**
 * Errors about the user's input (a bad capture, model file or zip) or a failed job: their message
 * already names the file and field, so the CLI prints it alone. Anything else is a bug and keeps
 * its stack.
 */
function isExpected(err: unknown): err is Error {
  return [
    RunFailed, CaptureError, ModelFileError, VolumeFileError, ZipExtractError, StudioError, PosesError, ToolMissingError, ToolFailedError,
    ToolCancelledError,
  ].some((type) => err instanceof type) || isFileSystemError(err);
}

/** A file-system refusal (ENOENT, EACCES, ENOTDIR, ENOSPC, ...): its message names the syscall and the path. */
function isFileSystemError(err: unknown): err is Error {
  const e = err as NodeJS.ErrnoException;
  return err instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string' && typeof e.path === 'string';
}

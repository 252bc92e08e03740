// CLI output: results on stdout, progress and diagnostics on stderr.
export interface Log {
  info(line: string): void;
  error(line: string): void;
  /** Final results (stdout). */
  result(line: string): void;
}

export const consoleLog: Log = {
  info: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`error: ${line}\n`),
  result: (line) => process.stdout.write(`${line}\n`),
};

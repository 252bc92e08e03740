// Worker bootstrap used when the code runs from TypeScript sources (CLI via tsx, vitest):
// `--import tsx` in a Worker's execArgv does not reach the worker's entry on Node 20, so the
// worker registers tsx itself and then imports the real (TypeScript) entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__entry);

// Test fixture: runs a studio service in a child process with a slow tiny-fit job and prints
// "checkpoint <step>" once the job has a checkpoint, so the parent can SIGKILL the whole app.
// Usage: node --import tsx service-child.ts <workspaceDir> <captureId>
import { createStudioService } from '../studio-service';
import { TINY_RUNNER } from './fixtures';

const [workspaceDir, captureId] = process.argv.slice(2);
const service = await createStudioService({
  workspaceDir, host: 'web', backend: 'cpu',
  runnerModules: { fit: TINY_RUNNER }, runnerOptions: { steps: 100000, checkpointEvery: 5, stepDelayMs: 10 },
});
service.onEvent((e) => {
  if (e.type === 'job' && e.job.checkpointStep !== null && e.job.checkpointStep >= 5) {
    process.stdout.write(`checkpoint ${e.job.checkpointStep} ${e.job.id}\n`);
  }
});
await service.startJob({ kind: 'fit', captureId });

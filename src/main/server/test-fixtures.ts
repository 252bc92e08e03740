// Test fixture (used only by *.test.ts in this folder and e2e helpers): a StudioApi whose
// methods record their parsed arguments and answer from a small table, so the transports
// can be exercised without the full Studio service.
import { STUDIO_METHOD_NAMES, StudioError, type StudioApi, type StudioEvent, type StudioMethodName } from '../../shared';

export interface RecordingStudio extends StudioApi {
  workspaceDir: string;
  calls: { method: StudioMethodName; args: unknown }[];
  emit(event: StudioEvent): void;
  listenerCount(): number;
}

export function createRecordingStudio(workspaceDir: string): RecordingStudio {
  const listeners = new Set<(event: StudioEvent) => void>();
  const calls: RecordingStudio['calls'] = [];
  const api: Record<string, unknown> = {};
  for (const method of STUDIO_METHOD_NAMES) {
    api[method] = async (args: unknown) => {
      calls.push({ method, args });
      if (method === 'getInfo') {
        return { version: '0.0.0-test', backend: 'cpu', adapter: 'test', workspace: workspaceDir, host: 'web' };
      }
      if (method === 'getItem') throw new StudioError('not-found', 'getItem: no such item', 'id');
      if (method === 'importCapture') throw new Error('disk on fire');
      return [];
    };
  }
  return Object.assign(api as unknown as StudioApi, {
    workspaceDir,
    calls,
    onEvent(listener: (event: StudioEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: StudioEvent) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  });
}

// IPC handler logic, Electron-free so it is unit-tested here: one handler per contract method;
// each checks that the calling frame is a top-level frame of the app's own origin, then
// parses the argument with the contract schema and calls the service (dispatchStudioCall).
import { STUDIO_METHOD_NAMES, ipcChannel, type StudioApi, type StudioMethodName } from '../../shared';
import { dispatchStudioCall, type CallResult } from '../server/dispatch';
import { isTrustedSenderUrl } from '../server/request-guard';

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export type IpcHandler = (event: IpcInvokeEventLike, args: unknown) => Promise<CallResult>;

export function senderRefusal(event: IpcInvokeEventLike, trusted: readonly string[]): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent) return 'calls from sub-frames are not allowed';
  if (!isTrustedSenderUrl(frame.url, trusted)) return `frame ${JSON.stringify(frame.url)} is not the app`;
  return null;
}

export function createIpcHandler(service: StudioApi, method: StudioMethodName, trusted: readonly string[]): IpcHandler {
  return async (event, args) => {
    const refusal = senderRefusal(event, trusted);
    if (refusal) return { ok: false, error: { code: 'forbidden', message: `${method}: refused: ${refusal}` } };
    return dispatchStudioCall(service, method, args);
  };
}

/** Channel -> handler for every contract method (and nothing else). */
export function createIpcHandlers(service: StudioApi, trusted: readonly string[]): Map<string, IpcHandler> {
  return new Map(STUDIO_METHOD_NAMES.map((m) => [ipcChannel(m), createIpcHandler(service, m, trusted)]));
}

// Transport-neutral dispatch of one StudioApi call: used by the web server's
// `POST /api/<method>` route and by the Electron IPC handlers. Only names in the contract
// table are callable, arguments are parsed with the contract schema before the service sees
// them, and every failure becomes a StudioErrorPayload (never a stack trace).
import {
  STUDIO_METHODS, StudioError, parseArgs,
  type StudioApi, type StudioErrorPayload, type StudioMethodName,
} from '../../shared';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: StudioErrorPayload };

export function isStudioMethod(name: string): name is StudioMethodName {
  return Object.prototype.hasOwnProperty.call(STUDIO_METHODS, name);
}

function isStudioErrorLike(error: unknown): error is StudioError {
  return (
    error instanceof StudioError ||
    (error instanceof Error && error.name === 'StudioError' && typeof (error as StudioError).code === 'string')
  );
}

export function errorPayload(error: unknown): StudioErrorPayload {
  if (isStudioErrorLike(error)) {
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'internal error' };
}

const STATUS: Record<StudioErrorPayload['code'], number> = {
  'invalid-argument': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  internal: 500,
};

export function httpStatusFor(code: StudioErrorPayload['code']): number {
  return STATUS[code];
}

export async function dispatchStudioCall(api: StudioApi, method: string, rawArgs: unknown): Promise<CallResult> {
  try {
    if (!isStudioMethod(method)) {
      throw new StudioError('not-found', `unknown method "${method}"`, 'method');
    }
    const args = parseArgs(method, rawArgs);
    const call = api[method] as (a: unknown) => Promise<unknown>;
    const value = await call.call(api, args);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return { ok: false, error: errorPayload(error) };
  }
}

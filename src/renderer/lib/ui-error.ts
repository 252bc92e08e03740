// Turns whatever a transport threw into something the UI can show: the message, and the
// argument field (and file) it concerns when the backend said so (StudioError payloads).
import { StudioErrorSchema } from '../../shared';

export interface UiError {
  message: string;
  /** Argument field the error is about ("path", "minutes"...), when known. */
  field?: string;
  code?: string;
}

const ELECTRON_PREFIX = /^Error invoking remote method '[^']+':\s*/;
const ERROR_NAME_PREFIX = /^(?:[A-Za-z]*Error):\s*/;

export function toUiError(error: unknown): UiError {
  if (typeof error === 'string') return { message: cleanMessage(error) };
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; field?: unknown; code?: unknown; error?: unknown };
    // Web-mode bodies may be `{ error: { code, message, field } }`.
    if (e.error && typeof e.error === 'object') return toUiError(e.error);
    const message = typeof e.message === 'string' ? cleanMessage(e.message) : 'Unknown error';
    const embedded = parseEmbeddedPayload(message);
    if (embedded) return embedded;
    return {
      message,
      ...(typeof e.field === 'string' && e.field ? { field: e.field } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
    };
  }
  return { message: 'Unknown error' };
}

function cleanMessage(message: string): string {
  return message.replace(ELECTRON_PREFIX, '').replace(ERROR_NAME_PREFIX, '').trim() || 'Unknown error';
}

function parseEmbeddedPayload(message: string): UiError | null {
  if (!message.startsWith('{')) return null;
  try {
    const parsed = StudioErrorSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return null;
    const { code, message: m, field } = parsed.data;
    return { message: m, code, ...(field ? { field } : {}) };
  } catch {
    return null;
  }
}

/** True when the error concerns the given argument field (or a sub-field of it). */
export function errorIsFor(error: UiError | null, field: string): boolean {
  if (!error?.field) return false;
  return error.field === field || error.field.startsWith(`${field}.`);
}

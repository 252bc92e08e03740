// What the Generate and Fine-tune forms share when they start a job: a spec checked with the
// shared zod schema first (the first problem is shown next to its field, in the form's own
// words when it has a hint for that field), then sent; the app's error comes back to the form.
import { useState } from 'react';
import type { JobSpecInput } from '../../shared';
import { errorIsFor } from '../lib';
import type { UiError } from '../lib';

/** The shape of a zod safeParse result that the hook needs. */
type Checked<T> = { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

export interface SpecSubmit {
  error: UiError | null;
  setError(error: UiError | null): void;
  busy: boolean;
  /** Shows the first schema problem, or starts the job; `hints` map a top-level field to a message. */
  send<T extends JobSpecInput>(checked: Checked<T>, hints: Record<string, string>): Promise<void>;
  /** The message for `field`, if the current error is about it. */
  fieldError(field: string): string | null;
  /** The current error's message when it is about none of `fields` (shown above the button). */
  otherError(fields: readonly string[]): string | null;
}

export function useSpecSubmit(onStart: (spec: JobSpecInput) => Promise<UiError | null>): SpecSubmit {
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async <T extends JobSpecInput>(checked: Checked<T>, hints: Record<string, string>) => {
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      setError({ field, message: hints[field.split('.')[0]] ?? issue?.message ?? 'Invalid settings' });
      return;
    }
    setBusy(true);
    const result = await onStart(checked.data);
    setBusy(false);
    setError(result);
  };
  return {
    error, setError, busy, send,
    fieldError: (field) => (errorIsFor(error, field) ? error?.message ?? null : null),
    otherError: (fields) => (error && !fields.some((f) => errorIsFor(error, f)) ? error.message : null),
  };
}

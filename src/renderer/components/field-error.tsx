// An error message tied to one form field (named by the backend or by local validation).
export function FieldError({ id, message }: { id: string; message: string | null }) {
  return (
    <p id={id} className="field-error" role={message ? 'alert' : undefined} data-testid={message ? 'field-error' : undefined}>
      {message ?? ''}
    </p>
  );
}

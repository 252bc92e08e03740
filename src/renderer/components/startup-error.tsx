// Shown instead of the studio when no StudioApi transport is available (e.g. the page was
// opened without its session token, or outside the desktop app).
import { toUiError } from '../lib';

export function StartupError({ error }: { error: unknown }) {
  const { message } = toUiError(error);
  return (
    <main className="startup-error" role="alert" data-testid="startup-error">
      <h1>Parallax Studio cannot connect to its engine</h1>
      <p className="startup-error-message">{message}</p>
      <p>
        In web mode, open the exact URL printed by <code>npx parallax serve</code> (it carries the
        session token). In the desktop app, restart the studio.
      </p>
    </main>
  );
}

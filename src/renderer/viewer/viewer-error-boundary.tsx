// Catches errors from loading or drawing the scene (a missing or corrupt GLB, no WebGL) and
// shows them in place of the canvas; the rest of the studio carries on.
import { Component, type ReactNode } from 'react';
import { toUiError } from '../lib';

interface Props {
  children: ReactNode;
  onError(message: string): void;
}

interface State {
  message: string | null;
}

export class ViewerErrorBoundary extends Component<Props, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: toUiError(error).message };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(toUiError(error).message);
  }

  override render(): ReactNode {
    if (this.state.message !== null) {
      return (
        <div className="viewer-failure" role="alert" data-testid="viewer-error">
          <h3>The scene could not be shown</h3>
          <p>{this.state.message}</p>
          <p className="muted">Check that the scene folder still holds its mesh file, or reconstruct the capture again.</p>
        </div>
      );
    }
    return this.props.children;
  }
}

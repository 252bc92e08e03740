// An error boundary inside the r3f canvas: a part that fails to load (e.g. a missing or corrupt
// mesh.glb) disappears and reports why, while the rest of the scene (the volume) stays.
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onError(error: unknown): void;
}

interface State {
  failed: boolean;
}

export class CanvasErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

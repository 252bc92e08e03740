// "Cameras" from a capture's gallery card: the capture's camera frustums in a modal.
import type { StudioApi, WorkspaceItem } from '../../shared';
import { itemName } from '../lib';
import { FrustumPanel } from './frustum-panel';
import { ModalDialog } from './modal-dialog';
import '../styles/import.css';

interface FrustumDialogProps {
  api: Pick<StudioApi, 'getCaptureCameras'>;
  capture: WorkspaceItem | null;
  onClose(): void;
}

export function FrustumDialog({ api, capture, onClose }: FrustumDialogProps) {
  const title = capture ? `Cameras of “${itemName(capture)}”` : 'Cameras';
  return (
    <ModalDialog open={capture !== null} title={title} onClose={onClose} testId="frustum-dialog">
      <div className="form">
        {capture && <FrustumPanel api={api} captureId={capture.id} height={380} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} data-autofocus>Close</button>
        </div>
      </div>
    </ModalDialog>
  );
}

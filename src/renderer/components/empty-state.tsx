// Shown when the workspace has no captures, scenes or models yet.
interface EmptyStateProps {
  importing: boolean;
  onImportSample(): void;
  onImportFolder(): void;
  addingModel: boolean;
  onAddDefaultModel(): void;
}

export function EmptyState({ importing, onImportSample, onImportFolder, addingModel, onAddDefaultModel }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-art" aria-hidden="true" />
      <h2>Your workspace is empty</h2>
      <p>
        Start with the bundled sample capture — a small multi-view scene that reconstructs in
        seconds — or import photos, a zip or a capture folder (Blender, nerfstudio, Instant-NGP,
        COLMAP, LLFF or plain images). Add the default generative model to sample 3D scenes from
        one photo on the Generate tab.
      </p>
      <div className="empty-actions">
        <button type="button" className="button primary large" onClick={onImportSample} disabled={importing} data-testid="import-sample">
          {importing ? 'Importing…' : 'Import sample capture'}
        </button>
        <button type="button" className="button large" onClick={onImportFolder} data-testid="empty-import">
          Import…
        </button>
        <button type="button" className="button large" onClick={onAddDefaultModel} disabled={addingModel} data-testid="add-default-model">
          {addingModel ? 'Adding…' : 'Add default model'}
        </button>
      </div>
    </div>
  );
}

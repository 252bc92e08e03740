// The viewer's crop box state: the saved box (the scene's manifest cropBox, else the fit's
// proposal, else the scene box), the draft being edited, and saving through setSceneCropBox.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { effectiveCropBox, type CropBox, type SceneManifest } from '../../shared';
import { getStudioApi } from '../api';
import { toUiError } from '../lib';
import { sameBox, sceneBox } from './crop-box-math';

export interface CropBoxState {
  /** What the exports use now (null: the whole scene). */
  saved: CropBox | null;
  draft: CropBox | null;
  setDraft(box: CropBox): void;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  save(): Promise<void>;
  /** Back to the saved box (or the starting box). */
  revert(): void;
}

export function useCropBox(sceneId: string, manifest: SceneManifest | null): CropBoxState {
  const saved = useMemo(() => (manifest ? effectiveCropBox(manifest) : null), [manifest]);
  const start = useMemo(() => saved ?? (manifest ? sceneBox(manifest.settings) : null), [saved, manifest]);
  const [draft, setDraft] = useState<CropBox | null>(start);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Reset the draft only when the starting box's values change: the gallery refreshes hand over a
  // new manifest object on every workspace event, which must not throw away an edit in progress.
  const startKey = JSON.stringify(start);
  useEffect(() => { setDraft(start); setError(null); }, [startKey]);
  const save = useCallback(async () => {
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      await getStudioApi().setSceneCropBox({ id: sceneId, cropBox: draft });
    } catch (e) {
      setError(toUiError(e).message);
    } finally {
      setSaving(false);
    }
  }, [draft, sceneId]);
  const revert = useCallback(() => { setDraft(start); setError(null); }, [start]);
  return { saved, draft, setDraft, dirty: !sameBox(draft, saved), saving, error, save, revert };
}

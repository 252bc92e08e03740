// What the chosen model knows (getModelDomain) and how far the chosen photo is from it
// (checkPhotoDomain), re-asked when the model, the photo or the workspace's captures change.
// Results are kept per key for the window's life: reopening the screen does not ask again.
import { useEffect, useState } from 'react';
import type { ModelDomain, PhotoDomainCheck, StudioApi } from '../../shared';
import { toUiError, type UiError } from '../lib';

type Loaded<T> = { key: string; value: T | null; error: UiError | null };

const domains = new Map<string, Promise<ModelDomain>>();

function useLoaded<T>(key: string | null, load: () => Promise<T>): Loaded<T> | null {
  const [state, setState] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (value) => { if (live) setState({ key, value, error: null }); },
      (e: unknown) => { if (live) setState({ key, value: null, error: toUiError(e) }); },
    );
    return () => { live = false; };
    // `load` is derived from `key`: a new key is a new request.
  }, [key]);
  return key !== null && state?.key === key ? state : null;
}

/** The model's training domain ('' = the shipped default); null while loading. */
export function useModelDomain(api: StudioApi, modelId: string): Loaded<ModelDomain> | null {
  return useLoaded(`model:${modelId}`, () => {
    const key = modelId || 'default';
    let p = domains.get(key);
    if (!p) {
      p = api.getModelDomain(modelId ? { modelId } : {});
      p.catch(() => domains.delete(key));
      domains.set(key, p);
    }
    return p;
  });
}

/** The domain check of a capture's photo against the model; null while loading or without a photo. */
export function usePhotoDomainCheck(api: StudioApi, captureId: string, modelId: string): Loaded<PhotoDomainCheck> | null {
  const key = captureId ? `${captureId}:${modelId}` : null;
  return useLoaded(key, () => api.checkPhotoDomain({ captureId, ...(modelId ? { modelId } : {}) }));
}

/** The shipped image prior's training domain (DDRep/SDS/SJC); null while loading. */
export function usePriorDomain(api: StudioApi): Loaded<ModelDomain> | null {
  return useLoaded('prior', () => {
    let p = domains.get('prior');
    if (!p) {
      p = api.getModelDomain({ prior: true });
      p.catch(() => domains.delete('prior'));
      domains.set('prior', p);
    }
    return p;
  });
}

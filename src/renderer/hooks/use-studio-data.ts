// Live studio state for the UI: engine info, workspace items and jobs. Subscribes to backend
// events before fetching, so nothing that happens during the first fetch is lost; workspace
// events trigger a (coalesced) refetch of the item list; job events feed the jobs reducer.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { EngineInfo, JobRecord, StudioApi, WorkspaceItem } from '../../shared';
import { INITIAL_JOBS_STATE, jobsReducer, sortedJobs, toUiError } from '../lib';
import type { JobPreview, UiError } from '../lib';

export interface StudioData {
  info: EngineInfo | null;
  infoError: UiError | null;
  /** null until the first list arrives (so the gallery can tell "loading" from "empty"). */
  items: WorkspaceItem[] | null;
  itemsError: UiError | null;
  jobs: JobRecord[];
  previews: Record<string, JobPreview>;
  refreshItems(): void;
  refreshJobs(): void;
}

export function useStudioData(api: StudioApi): StudioData {
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [infoError, setInfoError] = useState<UiError | null>(null);
  const [items, setItems] = useState<WorkspaceItem[] | null>(null);
  const [itemsError, setItemsError] = useState<UiError | null>(null);
  const [jobsState, dispatch] = useReducer(jobsReducer, INITIAL_JOBS_STATE);
  const seq = useRef(0);
  const itemsFetch = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const alive = useRef(true);

  const refreshItems = useCallback(() => {
    const state = itemsFetch.current;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    state.again = false;
    api.listItems({})
      .then((list) => {
        if (!alive.current) return;
        setItems(list);
        setItemsError(null);
      })
      .catch((e: unknown) => alive.current && setItemsError(toUiError(e)))
      .finally(() => {
        state.running = false;
        if (state.again && alive.current) refreshItems();
      });
  }, [api]);

  const refreshJobs = useCallback(() => {
    const sinceSeq = seq.current;
    api.listJobs({})
      .then((jobs) => alive.current && dispatch({ type: 'snapshot', jobs, sinceSeq }))
      .catch(() => undefined);
  }, [api]);

  useEffect(() => {
    alive.current = true;
    const unsubscribe = api.onEvent((event) => {
      seq.current += 1;
      switch (event.type) {
        case 'job':
          dispatch({ type: 'job', job: event.job, seq: seq.current });
          // A finished job usually produced an item; the workspace event also says so, but a
          // refetch here keeps the gallery right even if that event was missed.
          if (event.job.state === 'succeeded') refreshItems();
          break;
        case 'progress':
          dispatch({ type: 'progress', jobId: event.jobId, progress: event.progress, seq: seq.current });
          break;
        case 'workspace':
          refreshItems();
          // No kind: anything may have changed (e.g. the web client reconnected after a server
          // restart, when running jobs became interrupted), so the job list is refetched too.
          if (!event.kind) refreshJobs();
          break;
      }
    });
    api.getInfo({})
      .then((i) => {
        if (!alive.current) return;
        setInfo(i);
        setInfoError(null);
      })
      .catch((e: unknown) => alive.current && setInfoError(toUiError(e)));
    refreshItems();
    refreshJobs();
    return () => {
      alive.current = false;
      unsubscribe();
    };
  }, [api, refreshItems, refreshJobs]);

  const jobs = useMemo(() => sortedJobs(jobsState), [jobsState]);
  return { info, infoError, items, itemsError, jobs, previews: jobsState.previews, refreshItems, refreshJobs };
}

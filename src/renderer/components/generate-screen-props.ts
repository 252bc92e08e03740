// What the Generate and Fine-tune screens receive from the app: the backend, the live studio
// data, per-job loss histories, and the app's job actions, viewer and toasts.
import type { StudioApi } from '../../shared';
import type { StudioData } from '../hooks/use-studio-data';
import type { HistoryPoint } from '../hooks/use-job-history';
import type { ToastOptions } from '../hooks/use-toasts';

export interface StudioScreenProps {
  api: StudioApi;
  data: StudioData;
  /** useJobHistory(api, data.jobs), held by the app so curves survive switching screens. */
  history: Record<string, HistoryPoint[]>;
  nameOf(id: string): string | undefined;
  onJobAction(action: 'cancel' | 'resume', jobId: string): void;
  onOpenScene(sceneId: string): void;
  notify(message: string, options?: ToastOptions): void;
  /** Switch the app to another screen (e.g. Generate with a freshly fine-tuned model). */
  onScreen(screen: 'generate' | 'finetune' | 'gallery'): void;
}

// A small queue of toasts (notifications with an optional action such as Undo) that dismiss
// themselves after a timeout.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ToastAction {
  label: string;
  run(): void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
  action?: ToastAction;
}

export interface ToastOptions {
  tone?: Toast['tone'];
  action?: ToastAction;
  /** Milliseconds before the toast goes away; errors stay longer. */
  timeoutMs?: number;
}

export interface Toasts {
  toasts: Toast[];
  show(message: string, options?: ToastOptions): number;
  dismiss(id: number): void;
}

/** More than three stacked toasts cover the gallery at 1280x720; the oldest go first. */
const MAX_TOASTS = 3;

export function useToasts(): Toasts {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const show = useCallback((message: string, options: ToastOptions = {}) => {
    const id = nextId.current++;
    const tone = options.tone ?? 'info';
    setToasts((list) => [...list, { id, message, tone, ...(options.action ? { action: options.action } : {}) }].slice(-MAX_TOASTS));
    const timeout = options.timeoutMs ?? (tone === 'error' ? 12_000 : options.action ? 10_000 : 5_000);
    timers.current.set(id, setTimeout(() => dismiss(id), timeout));
    return id;
  }, [dismiss]);

  useEffect(() => {
    const map = timers.current;
    return () => {
      for (const timer of map.values()) clearTimeout(timer);
      map.clear();
    };
  }, []);

  return { toasts, show, dismiss };
}

// Asking the server again and again, politely: one request at a time, the next one `intervalMs` after the
// last answer, none while the tab is hidden (nobody is looking, and a background tab should not keep the
// server busy), one at once when it is shown again, none after stop.

/** Whether the page is shown, and word when that changes (document.visibilityState in the app). */
export interface Visibility {
  visible(): boolean;
  /** Calls `listener` on each change; the answer unsubscribes. */
  onChange(listener: () => void): () => void;
}

/** The document's visibility (the Page Visibility API). */
export const documentVisibility: Visibility = {
  visible: () => document.visibilityState === 'visible',
  onChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/**
 * Starts polling: `poll` now if the page is shown, then `intervalMs` after each poll settles while it stays
 * shown. `poll` handles its own failures; a rejected promise still schedules the next one. The answer stops
 * it: no poll starts after that, whatever is in flight.
 */
export function startPolling(poll: () => Promise<void>, intervalMs: number, visibility: Visibility): () => void {
  let stopped = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const run = () => {
    timer = null;
    if (stopped || inFlight || !visibility.visible()) return;
    inFlight = true;
    poll()
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (!stopped && visibility.visible()) timer = setTimeout(run, intervalMs);
      });
  };

  const unsubscribe = visibility.onChange(() => {
    if (visibility.visible()) {
      // Shown again: fresh numbers at once rather than after a full interval.
      if (timer === null) run();
    } else {
      clear();
    }
  });
  run();

  return () => {
    stopped = true;
    clear();
    unsubscribe();
  };
}

// Work that must happen soon but not before the screen the page opened on has drawn its first answers.

/** Runs `work` when the page's main thread is idle, at the latest after `timeoutMs`; returns the cancel. */
export function whenIdle(work: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }

  // Browsers without idle callbacks (Safari): a short delay leaves the first render its task.
  const id = setTimeout(work, Math.min(timeoutMs, 200));
  return () => clearTimeout(id);
}

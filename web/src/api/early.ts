// Answers requested as the app starts, before the screens that want them exist. On a cold load the app's
// code takes 0.4-0.6 s to evaluate and render on a busy 2-core machine (bench/scripts/60-admin-ui.sh), and a
// screen asks for its data only once it has mounted; requesting that data from the first module the app
// evaluates overlaps the two instead of adding them. Each answer is taken by the first GET of the same path
// and query (api/client.ts) while it is fresh, and only once: a later GET asks the server again, so a screen
// never shows an answer older than its own mount by more than FRESH_MS.
const FRESH_MS = 10_000;

interface Early {
  at: number;
  answer: Promise<Response>;
}

const started = new Map<string, Early>();

/** Requests each path now with `fetcher` (the client's authorized fetch); a failure waits for the taker. */
export function fetchEarly(paths: readonly string[], fetcher: (path: string) => Promise<Response>): void {
  const at = performance.now();
  for (const path of paths) {
    if (started.has(path)) continue;
    const answer = fetcher(path);
    // Nobody may ever take it: its failure must not surface as an unhandled rejection.
    answer.catch(() => undefined);
    started.set(path, { at, answer });
  }
}

/** The early answer for `path` (path and query, exactly as the client sends them), once; null when none is fresh. */
export function takeEarly(path: string): Promise<Response> | null {
  const early = started.get(path);
  if (!early) return null;
  started.delete(path);
  return performance.now() - early.at <= FRESH_MS ? early.answer : null;
}


// Sending a message so that it is stored once however often it is sent: the client message id (a UUID) is picked
// once per message, and a send that failed on the way (no answer: offline, a dropped connection, a server that
// could not answer) is sent again with the same id. The server answers a repeat with the stored message (200) and
// stores nothing twice (docs/api.md). A refusal (4xx) is final: the person is told why.
import { ApiError } from '../api/problem';

/** Delays before each new attempt, ms: quick at first, then every 5 s for as long as it takes. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 5000];

/** A failure worth sending again with the same id: no answer at all, or a server error. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

export const retryDelay = (attempt: number): number => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 5000;

/**
 * Calls `attempt` until it answers or fails for good; `stopped` says when to give up (the page moved on).
 * Pure over what it is given: the clock is `sleep`.
 */
export async function sendUntilAnswered<T>(
  attempt: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error) || stopped()) throw error;
      await sleep(retryDelay(n));
    }
  }
}

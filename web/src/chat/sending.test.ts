import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { isRetryable, sendUntilAnswered } from './sending';

describe('idempotent send', () => {
  it('sends again after failures on the way, until answered', async () => {
    let attempts = 0;
    const slept: number[] = [];
    const answer = await sendUntilAnswered(
      async () => {
        attempts++;
        if (attempts < 4) throw new TypeError('Failed to fetch');
        return 'stored';
      },
      async (ms) => void slept.push(ms),
    );
    expect(answer).toBe('stored');
    expect(slept).toEqual([500, 1000, 2000]);
  });

  it('stops at a refusal', async () => {
    let attempts = 0;
    const refusal = new ApiError('The text is empty.', 400, 'chat.invalid_text');
    await expect(sendUntilAnswered(async () => { attempts++; throw refusal; }, async () => undefined)).rejects.toBe(refusal);
    expect(attempts).toBe(1);
  });

  it('retries server errors and network failures, not refusals', () => {
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(new ApiError('x', 503, null))).toBe(true);
    expect(isRetryable(new ApiError('x', 409, 'chat.client_message_id_reused'))).toBe(false);
  });
});

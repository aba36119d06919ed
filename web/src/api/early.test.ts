import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchEarly, takeEarly } from './early';

const answer = (path: string) => Promise.resolve(new Response(JSON.stringify({ path })));

describe('early answers', () => {
  afterEach(() => vi.useRealTimers());

  it('requests each path once and hands its answer to the first taker only', async () => {
    const fetcher = vi.fn(answer);
    fetchEarly(['/api/me', '/api/me', '/api/admin/policies'], fetcher);
    expect(fetcher.mock.calls.map(([path]) => path)).toEqual(['/api/me', '/api/admin/policies']);

    const taken = takeEarly('/api/me');
    expect(taken).not.toBeNull();
    expect(await (await taken!).json()).toEqual({ path: '/api/me' });
    expect(takeEarly('/api/me')).toBeNull();
    expect(takeEarly('/api/admin/users')).toBeNull();
    expect(takeEarly('/api/admin/policies')).not.toBeNull();
  });

  it('drops an answer nobody took while it was fresh', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    fetchEarly(['/api/me/calls?take=5&missed=true'], answer);
    vi.advanceTimersByTime(10_001);
    expect(takeEarly('/api/me/calls?take=5&missed=true')).toBeNull();
  });

  it('keeps a failed request for its taker, without an unhandled rejection', async () => {
    fetchEarly(['/api/me/e2ee-calls'], () => Promise.reject(new TypeError('offline')));
    await expect(takeEarly('/api/me/e2ee-calls')).rejects.toThrow('offline');
  });
});

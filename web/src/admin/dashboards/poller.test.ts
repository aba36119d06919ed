import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling, type Visibility } from './poller';

/** A page whose visibility the test switches. */
function fakeVisibility(initially: boolean) {
  let visible = initially;
  const listeners = new Set<() => void>();
  const visibility: Visibility = {
    visible: () => visible,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (value: boolean) => {
    visible = value;
    for (const l of [...listeners]) l();
  };
  return { visibility, set, listeners };
}

/** Lets the poll's promise and its `finally` run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('polling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, then every interval after each answer', async () => {
    const page = fakeVisibility(true);
    const poll = vi.fn(() => Promise.resolve());
    const stop = startPolling(poll, 5000, page.visibility);
    expect(poll).toHaveBeenCalledTimes(1);
    await settle();

    await vi.advanceTimersByTimeAsync(4999);
    expect(poll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(poll).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).toHaveBeenCalledTimes(3);
    stop();
  });

  it('waits for a slow answer: never two requests at once', async () => {
    const page = fakeVisibility(true);
    let answer: () => void = () => undefined;
    const poll = vi.fn(() => new Promise<void>((resolve) => (answer = resolve)));
    const stop = startPolling(poll, 5000, page.visibility);

    await vi.advanceTimersByTimeAsync(20_000);
    expect(poll).toHaveBeenCalledTimes(1);
    answer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).toHaveBeenCalledTimes(2);
    stop();
  });

  it('keeps polling after a failed poll', async () => {
    const page = fakeVisibility(true);
    const poll = vi.fn(() => Promise.reject(new Error('down')));
    const stop = startPolling(poll, 5000, page.visibility);
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).toHaveBeenCalledTimes(2);
    stop();
  });

  it('pauses while the tab is hidden and polls at once when it is shown again', async () => {
    const page = fakeVisibility(true);
    const poll = vi.fn(() => Promise.resolve());
    const stop = startPolling(poll, 5000, page.visibility);
    await settle();

    page.set(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);

    page.set(true);
    expect(poll).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(poll).toHaveBeenCalledTimes(3);
    stop();
  });

  it('does not poll when started in a hidden tab', async () => {
    const page = fakeVisibility(false);
    const poll = vi.fn(() => Promise.resolve());
    const stop = startPolling(poll, 5000, page.visibility);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(poll).not.toHaveBeenCalled();
    stop();
  });

  it('stops for good: nothing after stop, not even the answer in flight scheduling another, and it stops listening', async () => {
    const page = fakeVisibility(true);
    let answer: () => void = () => undefined;
    const poll = vi.fn(() => new Promise<void>((resolve) => (answer = resolve)));
    const stop = startPolling(poll, 5000, page.visibility);
    expect(page.listeners.size).toBe(1);

    stop();
    answer();
    await vi.advanceTimersByTimeAsync(60_000);
    page.set(true);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(page.listeners.size).toBe(0);
  });
});

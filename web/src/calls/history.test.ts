import { describe, expect, it } from 'vitest';
import { historyMode, historyOutcome, historyTitle } from './history';

describe('call history', () => {
  it('names missed, outgoing and incoming calls', () => {
    expect(historyTitle({ direction: 'Incoming', peerUpn: 'a@x', missed: true })).toBe('Missed call from a@x');
    expect(historyTitle({ direction: 'Outgoing', peerUpn: 'b@x', missed: false })).toBe('Call to b@x');
    expect(historyTitle({ direction: 'Incoming', peerUpn: 'c@x', missed: false })).toBe('Call from c@x');
  });

  it('gives the length of an answered call and the ending of an unanswered one', () => {
    expect(historyOutcome({ answeredAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:03:04Z', endReason: 'HungUp' })).toBe('3 min 4 s');
    expect(historyOutcome({ answeredAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:00:09Z', endReason: 'HungUp' })).toBe('9 s');
    expect(historyOutcome({ answeredAt: null, endedAt: '2026-01-01T10:00:09Z', endReason: 'NoAnswer' })).toBe('not answered');
    expect(historyOutcome({ answeredAt: null, endedAt: '2026-01-01T10:00:09Z', endReason: 'Strange' })).toBe('Strange');
  });

  it('words the mode', () => {
    expect(historyMode('E2ee')).toBe('end-to-end encrypted');
    expect(historyMode('Standard')).toBe('standard encryption');
  });
});

import { describe, expect, it } from 'vitest';
import { count, mediaCounters, mediaTiles, type RelaySnapshot, refusalsByReason, relayCounters, relayTiles } from './metrics';

const relay: RelaySnapshot = {
  allocationsActive: 2,
  allocationsCreated: '7',
  packetsToPeer: 10,
  bytesToPeer: 1000,
  packetsToClient: '5',
  bytesToClient: 500,
  droppedOverBandwidth: 1,
  droppedWithoutPermission: 2,
  refusals: { Unauthorized: 4, QuotaReached: '1', StaleNonce: 0 },
};

describe('metrics answers', () => {
  it('reads 64-bit counts whether the API sent a number or a string', () => {
    expect(count(5)).toBe(5);
    expect(count('9007199254740993')).toBeGreaterThan(9e15);
    expect(count('not a number')).toBe(0);
    expect(count(undefined)).toBe(0);
  });

  it('adds the relay traffic of both directions, every refusal reason and both kinds of drop', () => {
    expect(relayCounters(relay)).toEqual({ packets: 15, bytes: 1500, refusals: 5, dropped: 3, allocations: 7 });
  });

  it('shows the relay gauges and totals as tiles', () => {
    expect(relayTiles.map((t) => [t.id, t.value(relay)])).toEqual([
      ['relay-allocations-active', 2],
      ['relay-allocations-created', 7],
      ['relay-refusals', 5],
      ['relay-dropped', 3],
    ]);
  });

  it('lists refusals by reason, most first', () => {
    expect(refusalsByReason(relay)).toEqual([
      ['Unauthorized', 4],
      ['QuotaReached', 1],
      ['StaleNonce', 0],
    ]);
  });

  it('charts the media processor traffic, refusals, handshake failures and legs', () => {
    const media = { legsOpen: 2, legsOpened: 6, legsConnected: '4', handshakeFailures: 1, packetsForwarded: 300, bytesForwarded: 36000, packetsRefused: 3 };
    expect(mediaCounters(media)).toEqual({ packets: 300, bytes: 36000, refused: 3, handshakeFailures: 1, legs: 6 });
    expect(mediaTiles.map((t) => t.value(media))).toEqual([2, 6, 4, 1]);
  });
});

// What the dashboards show of each metrics answer: the counters a rate is charted from, the gauges and
// totals shown as tiles. The API types 64-bit counts as a number or a string (a count can outgrow what
// JSON numbers hold exactly), so every value goes through `count`.
import type { Schemas } from '../../api/client';
import type { Unit } from './rates';

export type RelaySnapshot = Schemas['RelayMetricsSnapshot'];
export type MediaSnapshot = Schemas['MediaProcessorMetricsSnapshot'];

/** A count from the API as a number; anything that is not one (never expected) counts as zero. */
export function count(value: number | string | undefined): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** One chart: the counter it charts the rate of, its heading and its unit. */
export interface ChartSpec {
  counter: string;
  title: string;
  unit: Unit;
}

/** One tile: a gauge (open now) or a total since start, with the id a test or a person can find it by. */
export interface TileSpec<S> {
  id: string;
  label: string;
  value: (snapshot: S) => number;
}

/** The relay's counters to chart: traffic both ways together, refused requests, dropped packets, allocations. */
export function relayCounters(s: RelaySnapshot): Record<'packets' | 'bytes' | 'refusals' | 'dropped' | 'allocations', number> {
  return {
    packets: count(s.packetsToPeer) + count(s.packetsToClient),
    bytes: count(s.bytesToPeer) + count(s.bytesToClient),
    refusals: Object.values(s.refusals).reduce<number>((sum, n) => sum + count(n), 0),
    dropped: count(s.droppedOverBandwidth) + count(s.droppedWithoutPermission),
    allocations: count(s.allocationsCreated),
  };
}

export const relayCharts: ChartSpec[] = [
  { counter: 'packets', title: 'Packets relayed', unit: 'packets' },
  { counter: 'bytes', title: 'Bytes relayed', unit: 'bytes' },
  { counter: 'refusals', title: 'Requests refused', unit: 'refusals' },
  { counter: 'dropped', title: 'Packets dropped', unit: 'packets' },
  { counter: 'allocations', title: 'Allocations made', unit: 'allocations' },
];

export const relayTiles: TileSpec<RelaySnapshot>[] = [
  { id: 'relay-allocations-active', label: 'Allocations open now', value: (s) => count(s.allocationsActive) },
  { id: 'relay-allocations-created', label: 'Allocations made since start', value: (s) => count(s.allocationsCreated) },
  { id: 'relay-refusals', label: 'Requests refused since start', value: (s) => relayCounters(s).refusals },
  { id: 'relay-dropped', label: 'Packets dropped since start', value: (s) => relayCounters(s).dropped },
];

/** The relay's refusals by reason (RelayRefusal), largest first, for the breakdown under the tiles. */
export function refusalsByReason(s: RelaySnapshot): [string, number][] {
  return Object.entries(s.refusals)
    .map(([reason, n]): [string, number] => [reason, count(n)])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The media processor's counters to chart: traffic forwarded, packets refused, handshakes failed, legs opened. */
export function mediaCounters(s: MediaSnapshot): Record<'packets' | 'bytes' | 'refused' | 'handshakeFailures' | 'legs', number> {
  return {
    packets: count(s.packetsForwarded),
    bytes: count(s.bytesForwarded),
    refused: count(s.packetsRefused),
    handshakeFailures: count(s.handshakeFailures),
    legs: count(s.legsOpened),
  };
}

export const mediaCharts: ChartSpec[] = [
  { counter: 'packets', title: 'Packets forwarded', unit: 'packets' },
  { counter: 'bytes', title: 'Bytes forwarded', unit: 'bytes' },
  { counter: 'refused', title: 'Packets refused', unit: 'packets' },
  { counter: 'handshakeFailures', title: 'DTLS handshake failures', unit: 'failures' },
  { counter: 'legs', title: 'Legs opened', unit: 'legs' },
];

export const mediaTiles: TileSpec<MediaSnapshot>[] = [
  { id: 'media-legs-open', label: 'Legs open now', value: (s) => count(s.legsOpen) },
  { id: 'media-legs-opened', label: 'Legs opened since start', value: (s) => count(s.legsOpened) },
  { id: 'media-legs-connected', label: 'Legs connected since start', value: (s) => count(s.legsConnected) },
  { id: 'media-handshake-failures', label: 'Handshake failures since start', value: (s) => count(s.handshakeFailures) },
];

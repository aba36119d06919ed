// The words of the call history list (GET /api/me/calls).
import type { Schemas } from '../api/client';

export type CallHistoryEntry = Schemas['CallHistoryEntry'];

const reasons: Record<string, string> = {
  HungUp: 'ended',
  Declined: 'declined',
  Cancelled: 'cancelled',
  Busy: 'busy',
  NoAnswer: 'not answered',
  Offline: 'not online',
};

/** "Missed call from …", "Call to …" or "Call from …". */
export function historyTitle(entry: Pick<CallHistoryEntry, 'direction' | 'peerUpn' | 'missed'>): string {
  if (entry.missed) return `Missed call from ${entry.peerUpn}`;
  return entry.direction === 'Outgoing' ? `Call to ${entry.peerUpn}` : `Call from ${entry.peerUpn}`;
}

/** How long an answered call lasted ("3 min 4 s"), or how it ended when nobody answered. */
export function historyOutcome(entry: Pick<CallHistoryEntry, 'answeredAt' | 'endedAt' | 'endReason'>): string {
  if (!entry.answeredAt) return reasons[entry.endReason] ?? entry.endReason;
  const seconds = Math.max(0, Math.round((Date.parse(entry.endedAt) - Date.parse(entry.answeredAt)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** The encryption a call had, in words. */
export const historyMode = (mode: string): string => (mode === 'E2ee' ? 'end-to-end encrypted' : 'standard encryption');

/** The home screen's missed calls: the newest five (also requested as the app starts: app/firstFetches.ts). */
export const missedCallsQuery = { take: 5, missed: true } as const;

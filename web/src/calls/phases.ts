// A call's phases as this device sees them, and which hub method ends it. The server's call lifecycle
// (src/Conclave.Server/Calls) is the authority; these follow its messages.
//
//   ringing ──(CallAccepted / Accept answered)──▶ connecting ──(media connected)──▶ connected
//      └────────────────(CallEnded, hang up, decline, connection lost)──────────────▶ (no call)

export type CallPhase = 'ringing' | 'connecting' | 'connected';

const order: Record<CallPhase, number> = { ringing: 0, connecting: 1, connected: 2 };

/** A phase only moves forward: a late "connecting" never takes a connected call back. */
export const advance = (current: CallPhase, next: CallPhase): CallPhase => (order[next] > order[current] ? next : current);

/** A caller whose call is still ringing cancels it; anyone else hangs up. */
export const endMethod = (isCaller: boolean, phase: CallPhase): 'Cancel' | 'HangUp' => (isCaller && phase === 'ringing' ? 'Cancel' : 'HangUp');

const endReasons: Record<string, string> = {
  HungUp: 'The call ended',
  Declined: 'The call was declined',
  Cancelled: 'The caller cancelled',
  Busy: 'The other person is busy',
  NoAnswer: 'Nobody answered',
  Offline: 'The other person is not online',
  ConnectionLost: 'The connection to the server was lost',
};

/** The status line when a call ends; it keeps the server's reason word (tests and support read it). */
export const endedText = (reason: string): string => `${endReasons[reason] ?? 'Call ended'}: ${reason}.`;

/** The name shown for an incoming caller. */
export const callerLabel = (upn: string, displayName: string | null | undefined): string => (displayName ? `${displayName} (${upn})` : upn);

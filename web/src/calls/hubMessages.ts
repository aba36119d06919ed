// The call hub's messages (/hubs/calls, docs/api.md), as src/Conclave.Contracts/Calls/CallMessages.cs
// declares them; SignalR's JSON protocol sends them camel-cased.

export const HUB_PATH = '/hubs/calls';

export interface SignalError {
  code: string;
  message: string;
  retryAfterSeconds?: number | null;
}

export interface E2eeReasonInfo {
  code: string;
  side: string | null;
  message: string;
}

export interface E2eeInfo {
  endToEnd: boolean;
  refused: boolean;
  reasons: E2eeReasonInfo[];
  summary: string;
}

export interface IceServerInfo {
  urls: string[];
  username: string | null;
  credential: string | null;
}

export interface DeviceInfo {
  deviceId: string | null;
  userId: string | null;
  upn: string | null;
  e2eeCapable: boolean;
  error?: SignalError | null;
}

export interface PlaceCallAnswer {
  callId: string | null;
  error: SignalError | null;
  e2ee: E2eeInfo | null;
  iceServers: IceServerInfo[];
}

export interface AcceptAnswer {
  error: SignalError | null;
  e2ee: E2eeInfo | null;
  iceServers: IceServerInfo[];
}

export interface IncomingCallMessage {
  callId: string;
  callerUpn: string;
  callerDisplayName: string;
  e2ee: E2eeInfo;
  iceServers: IceServerInfo[];
}

export interface CallAcceptedMessage {
  callId: string;
  calleeDeviceId: string;
  e2ee: E2eeInfo;
}

export interface CallEndedMessage {
  callId: string;
  reason: string;
  missed: boolean;
}

export interface DescriptionMessage {
  callId: string;
  type: 'offer' | 'answer';
  sdp: string;
}

export interface CandidateMessage {
  callId: string;
  candidate: string | null;
}

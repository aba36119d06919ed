// The signed-in person's calling: registers this browser as an E2EE-capable device on the call hub
// (/hubs/calls, docs/api.md), keeps the E2EE-calls setting current, and places, answers, declines and
// ends one-to-one calls. One session lives as long as the sign-in, whichever screen is shown; screens
// read its state (subscribe/getState, for useSyncExternalStore) and call its actions.
import type { HubConnection, HubConnectionState } from '@microsoft/signalr';
import { accessToken } from '../auth/session';
import { describeError } from '../api/problem';
import { E2eeSettingFollower } from '../settings/e2eeSetting';
import type { E2eeCallsView } from '../settings/e2eeView';
import { rememberCallOptions } from './callOptions';
import {
  HUB_PATH,
  type AcceptAnswer,
  type CallAcceptedMessage,
  type CallEndedMessage,
  type CandidateMessage,
  type DescriptionMessage,
  type DeviceInfo,
  type E2eeInfo,
  type IceServerInfo,
  type IncomingCallMessage,
  type PlaceCallAnswer,
  type SignalError,
} from './hubMessages';
import { refusalText } from './indicator';
import { Peer } from './peer';
import { type CallPhase, advance, endMethod, endedText } from './phases';

const LOG_LINES = 500;

/** A call as the screens see it. */
export interface CallView {
  id: string;
  peer: string;
  isCaller: boolean;
  phase: CallPhase;
  e2ee: E2eeInfo | null;
  acceptedAt: number | null;
  answered: boolean;
  code: string | null;
}

export interface SessionState {
  hub: HubConnectionState | null;
  device: DeviceInfo | null;
  setting: E2eeCallsView | null;
  ringing: IncomingCallMessage | null;
  call: CallView | null;
  sharing: boolean;
  status: string;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  log: readonly string[];
}

/** One call's working parts; every hub message of a call runs in order on its chain. */
interface ActiveCall {
  view: CallView;
  iceServers: IceServerInfo[];
  peerConnection: Peer | null;
  chain: Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();

export class CallSession {
  private state: SessionState = {
    hub: null,
    device: null,
    setting: null,
    ringing: null,
    call: null,
    sharing: false,
    status: '',
    localStream: null,
    remoteStream: null,
    log: [],
  };

  private readonly listeners = new Set<() => void>();
  private readonly lines: string[] = [];
  private hub: HubConnection | null = null;
  private call: ActiveCall | null = null;
  private started: Promise<void> | null = null;
  private readonly setting = new E2eeSettingFollower({
    onView: (view) => this.update({ setting: view }),
    log: (text) => this.log(text),
  });

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.state;

  /** Connects the hub, registers the device and follows the setting (once, however often it is asked). */
  start(): Promise<void> {
    this.started ??= this.connect().catch((e: unknown) => {
      this.log(`start: ${describeError(e)}`);
      this.setStatus(describeError(e));
    });
    return this.started;
  }

  /** Before signing out: nothing of this session keeps running. */
  async stop(): Promise<void> {
    this.setting.stop();
    if (this.call) this.endCall(this.call, 'SignedOut');
    await this.hub?.stop().catch(() => undefined);
  }

  // --- actions of the screens -------------------------------------------------------------------------

  async placeCall(upn: string): Promise<void> {
    this.setStatus('');
    await this.ensureLocalMedia();
    const answer = await this.invoke<PlaceCallAnswer>('PlaceCall', upn);
    if (answer.error || !answer.callId) {
      if (!this.call) this.stopLocalMedia();
      this.setStatus(answer.error ? refusalText(answer.error, answer.e2ee) : 'The call was not placed.');
      return;
    }

    this.call = this.newCall(answer.callId, upn, true, answer.e2ee, answer.iceServers);
    this.publishCall();
    this.log(`calling ${upn}: ${answer.e2ee?.endToEnd ? 'end-to-end encrypted' : 'standard'}`);
  }

  async answer(): Promise<void> {
    const incoming = this.state.ringing;
    if (!incoming) return;
    const target = this.newCall(incoming.callId, incoming.callerUpn, false, incoming.e2ee, incoming.iceServers);
    target.view.acceptedAt = now();
    this.call = target;
    this.update({ ringing: null });
    this.publishCall();
    // The caller's offer and candidates may arrive before Accept returns: they queue behind this step,
    // on the call's chain, until the peer connection exists.
    await this.serial(target, async () => {
      const answer = await this.invoke<AcceptAnswer>('Accept', target.view.id);
      if (answer.error) {
        this.setStatus(`${answer.error.message} (${answer.error.code})`);
        this.endCall(target, answer.error.code);
        return;
      }

      target.view.e2ee = answer.e2ee;
      target.iceServers = answer.iceServers;
      this.setPhase(target, 'connecting');
      await this.createPeer(target);
      if (!target.view.e2ee?.endToEnd) await this.offerTo(target);
    });
  }

  async decline(): Promise<void> {
    const incoming = this.state.ringing;
    this.update({ ringing: null });
    if (incoming) await this.invoke('Decline', incoming.callId);
  }

  async hangUp(): Promise<void> {
    const target = this.call;
    if (!target) return;
    const error = await this.invoke<SignalError | null>(endMethod(target.view.isCaller, target.view.phase), target.view.id);
    if (error) this.log(`hang up: ${error.message}`);
    this.endCall(target, 'HungUp');
  }

  async shareScreen(): Promise<void> {
    const peer = this.call?.peerConnection;
    if (!peer) return;
    const label = await peer.shareScreen();
    this.log(`sharing ${label}`);
    this.update({ sharing: true });
  }

  async stopSharing(): Promise<void> {
    await this.call?.peerConnection?.stopSharing();
    this.update({ sharing: false });
  }

  /** Turns the E2EE-calls setting on or off; a refusal shows in the status line and changes nothing. */
  async changeSetting(on: boolean): Promise<boolean> {
    try {
      await this.setting.change(on);
      return true;
    } catch (e) {
      this.setStatus(describeError(e));
      return false;
    }
  }

  setStatus(text: string): void {
    this.update({ status: text });
  }

  /** getStats of the current call, for diagnostics. */
  async stats() {
    return this.call?.peerConnection ? this.call.peerConnection.stats() : null;
  }

  // --- the call's media -------------------------------------------------------------------------------

  private async ensureLocalMedia(): Promise<MediaStream> {
    if (this.state.localStream) return this.state.localStream;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    } catch (e) {
      this.log(`camera unavailable (${(e as Error).name}); audio only`);
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    }

    this.update({ localStream: stream });
    return stream;
  }

  private stopLocalMedia(): void {
    for (const track of this.state.localStream?.getTracks() ?? []) track.stop();
    this.update({ localStream: null, remoteStream: null });
  }

  private newCall(id: string, peer: string, isCaller: boolean, e2ee: E2eeInfo | null, iceServers: IceServerInfo[]): ActiveCall {
    return {
      view: { id, peer, isCaller, phase: 'ringing', e2ee, acceptedAt: null, answered: false, code: null },
      iceServers,
      peerConnection: null,
      chain: Promise.resolve(),
    };
  }

  private serial(target: ActiveCall, step: () => Promise<void>): Promise<void> {
    target.chain = target.chain.then(step).catch((e: unknown) => {
      this.log(`error: ${describeError(e)}`);
      this.setStatus(describeError(e));
    });
    return target.chain;
  }

  private setPhase(target: ActiveCall, phase: CallPhase): void {
    target.view.phase = advance(target.view.phase, phase);
    this.log(`call ${phase}`);
    this.publishCall();
  }

  private async createPeer(target: ActiveCall): Promise<void> {
    const stream = await this.ensureLocalMedia();
    if (this.call !== target) {
      // The call ended while the camera opened: nothing may keep it open.
      if (!this.call) this.stopLocalMedia();
      throw new Error('The call ended before its media started.');
    }

    const { relay } = rememberCallOptions('');
    if (relay && !target.iceServers.some((s) => s.urls.some((u) => /^turns?:/.test(u)))) {
      this.setStatus('This page keeps media on the relay (?relay=1), but the server handed out no TURN server for this call.');
    }

    target.peerConnection = new Peer({
      iceServers: target.iceServers,
      relayOnly: relay,
      localStream: stream,
      log: (text) => this.log(text),
      onCandidate: (candidate) => {
        // Standard calls: the media processor is ICE-lite and needs none of ours; they are sent all the same.
        this.hub?.invoke('SendCandidate', target.view.id, candidate).catch((e: Error) => this.log(`candidate not sent: ${e.message}`));
      },
      onTrack: (streamIn) => this.update({ remoteStream: streamIn }),
      onState: (states) => {
        this.log(`connection ${states.connection}, ice ${states.ice}, dtls ${states.dtls}`);
        if (this.call !== target) return;
        if (states.connection === 'connected') void this.serial(target, () => this.connected(target));
        if (states.connection === 'failed') this.setStatus('The media connection failed.');
      },
    });
    target.peerConnection.watchFirstAudio();
  }

  private async connected(target: ActiveCall): Promise<void> {
    this.setPhase(target, 'connected');
    if (!target.view.e2ee?.endToEnd || !target.peerConnection) return;
    const code = await target.peerConnection.securityCode();
    target.view.code = code;
    this.publishCall();
    if (!code) this.setStatus('The certificates of the connection do not match the call set-up: hang up.');
  }

  /** Both sides of a standard call offer to the server's media processor, which answers each; the caller of an E2EE call offers to the callee. */
  private async offerTo(target: ActiveCall): Promise<void> {
    const sdp = await target.peerConnection!.offer();
    const error = await this.invoke<SignalError | null>('SendDescription', target.view.id, 'offer', sdp);
    if (error) throw new Error(`${error.message} (${error.code})`);
  }

  private endCall(target: ActiveCall, reason: string): void {
    target.peerConnection?.close();
    if (this.call === target) {
      this.call = null;
      this.stopLocalMedia();
      this.update({ call: null, sharing: false, status: endedText(reason) });
    }

    this.log(`call ended: ${reason}`);
  }

  // --- the hub ----------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    // SignalR's client, a third of the code behind the sign-in, loads here (the hub starts once the first
    // screen has drawn: app/SignedInApp.tsx), not before that screen's first render.
    const { HubConnectionBuilder, LogLevel } = await import('./hubClient');
    // The access token goes in the access_token query parameter of the WebSocket only (browsers cannot
    // set headers there); negotiation sends it as a bearer header.
    const hub = new HubConnectionBuilder()
      .withUrl(HUB_PATH, { accessTokenFactory: accessToken })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub = hub;
    hub.on('IncomingCall', (m: IncomingCallMessage) => this.onIncoming(m));
    hub.on('CallAccepted', (m: CallAcceptedMessage) => this.onAccepted(m));
    hub.on('CallEnded', (m: CallEndedMessage) => this.onEnded(m));
    hub.on('Description', (m: DescriptionMessage) => this.onDescription(m));
    hub.on('Candidate', (m: CandidateMessage) => this.onCandidate(m));
    // The server hangs up every call of a connection it loses: the call is over here too, whether or not
    // the reconnection succeeds, and a ringing call can no longer be answered from this connection.
    hub.onreconnecting(() => this.connectionLost('reconnecting'));
    hub.onclose(() => this.connectionLost('closed'));
    hub.onreconnected(() => {
      this.update({ hub: hub.state });
      this.register().catch((e: Error) => this.log(`register: ${e.message}`));
    });
    await hub.start();
    this.update({ hub: hub.state });
    await this.register();
    await this.setting.start();
  }

  private invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.hub) return Promise.reject(new Error('Not connected to the server.'));
    return this.hub.invoke<T>(method, ...args);
  }

  private async register(): Promise<void> {
    const brands = (navigator as Navigator & { userAgentData?: { brands?: { brand: string }[] } }).userAgentData?.brands;
    const name = `Browser (${brands?.map((b) => b.brand).find((b) => !/Not/.test(b)) ?? 'web'})`;
    const registered = await this.invoke<DeviceInfo>('RegisterDevice', name, true);
    if (registered.error) throw new Error(`${registered.error.code}: ${registered.error.message}`);
    this.update({ device: registered });
    this.log(`device ${registered.deviceId} registered as ${registered.upn}`);
  }

  private connectionLost(state: string): void {
    this.log(`hub connection ${state}`);
    this.update({ hub: this.hub?.state ?? null, ringing: null });
    if (this.call) this.endCall(this.call, 'ConnectionLost');
  }

  private onIncoming(message: IncomingCallMessage): void {
    if (this.call || this.state.ringing) return;
    this.update({ ringing: message });
    this.log(`incoming call from ${message.callerUpn}`);
  }

  private onAccepted(message: CallAcceptedMessage): void {
    const target = this.call;
    if (!target || target.view.id !== message.callId) return;
    target.view.e2ee = message.e2ee;
    this.publishCall();
    if (!target.view.isCaller) return;
    target.view.acceptedAt = now();
    void this.serial(target, async () => {
      this.setPhase(target, 'connecting');
      await this.createPeer(target);
      await this.offerTo(target);
    });
  }

  private onDescription(message: DescriptionMessage): void {
    const target = this.call;
    if (!target || target.view.id !== message.callId) return;
    void this.serial(target, async () => {
      const peer = target.peerConnection;
      if (!peer) throw new Error('A description arrived before the call\'s media started.');
      if (message.type === 'offer' && !target.view.isCaller && target.view.e2ee?.endToEnd) {
        const sdp = await peer.answer(message.sdp);
        const error = await this.invoke<SignalError | null>('SendDescription', target.view.id, 'answer', sdp);
        if (error) throw new Error(`${error.message} (${error.code})`);
      } else if (message.type === 'answer') {
        target.view.answered = true;
        this.publishCall();
        await peer.applyAnswer(message.sdp);
      }
    });
  }

  private onCandidate(message: CandidateMessage): void {
    const target = this.call;
    if (!target || target.view.id !== message.callId) return;
    void this.serial(target, async () => target.peerConnection?.addCandidate(message.candidate));
  }

  private onEnded(message: CallEndedMessage): void {
    if (this.state.ringing?.callId === message.callId) {
      this.update({ ringing: null });
      this.log(`call from stopped ringing: ${message.reason}`);
    }

    if (this.call?.view.id === message.callId) this.endCall(this.call, message.reason);
  }

  // --- state ------------------------------------------------------------------------------------------

  private log(text: string): void {
    this.lines.push(`${new Date().toISOString().slice(11, 23)} ${text}`);
    if (this.lines.length > LOG_LINES) this.lines.shift();
    this.update({ log: [...this.lines] });
  }

  private publishCall(): void {
    this.update({ call: this.call ? { ...this.call.view } : null });
  }

  private update(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

let current: CallSession | null = null;

/** The session of the signed-in person (made on first use). */
export function callSession(): CallSession {
  current ??= new CallSession();
  return current;
}

/** The session, if one was made (diagnostics read it without starting one). */
export const existingCallSession = (): CallSession | null => current;

/** Ends the session at sign-out; the next sign-in makes a new one. */
export async function endCallSession(): Promise<void> {
  const ending = current;
  current = null;
  await ending?.stop();
}

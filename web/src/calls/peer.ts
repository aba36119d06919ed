// One call's media in the browser: the RTCPeerConnection, local camera and microphone, screen sharing,
// and the security code of an end-to-end encrypted call.
//
// End-to-end encrypted calls: the caller offers, the callee answers, both through the hub, and
// candidates trickle peer to peer. Standard calls (STANDARD-MEDIA-PROTOCOL): each device offers to
// the server's media processor and gets its answer (ICE-lite, candidates inline) back from it.
import type { IceServerInfo } from './hubMessages';
import { sdpFingerprint, securityCode } from './securityCode';

export interface PeerStates {
  connection: RTCPeerConnectionState;
  ice: RTCIceConnectionState;
  signaling: RTCSignalingState;
  dtls: RTCDtlsTransportState | null;
  gathering: RTCIceGatheringState;
}

export interface Fingerprints {
  local: string | null;
  remote: string | null;
  handshakeLocal: string | null;
  handshakeRemote: string | null;
}

export interface PeerOptions {
  iceServers: IceServerInfo[] | null | undefined;
  relayOnly: boolean;
  localStream: MediaStream | null;
  onCandidate: (candidate: string | null) => void;
  onState: (states: PeerStates) => void;
  onTrack: (stream: MediaStream) => void;
  log: (text: string) => void;
}

// getStats() entries carry type-specific fields; the ones read here.
type Stat = RTCStats & Record<string, unknown>;

const now = () => performance.timeOrigin + performance.now();

export class Peer {
  private readonly pc: RTCPeerConnection;
  private readonly localStream: MediaStream | null;
  private readonly log: (text: string) => void;
  private readonly pendingCandidates: (string | null)[] = [];
  private screen: MediaStream | null = null;
  private firstAudioAt: number | null = null;
  private connectedAt: number | null = null;

  constructor({ iceServers, relayOnly, localStream, onCandidate, onState, onTrack, log }: PeerOptions) {
    this.pc = new RTCPeerConnection({
      iceServers: (iceServers ?? []).map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })),
      // Chromium gathers no loopback host candidates: on one machine only the relay joins two pages.
      iceTransportPolicy: relayOnly ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    });
    this.localStream = localStream;
    this.log = log;
    this.pc.onicecandidate = (e) => onCandidate(e.candidate ? e.candidate.candidate : null);
    const changed = () => {
      if (this.pc.connectionState === 'connected') this.connectedAt ??= now();
      onState(this.states());
    };
    this.pc.onconnectionstatechange = changed;
    this.pc.oniceconnectionstatechange = changed;
    this.pc.onsignalingstatechange = changed;
    this.pc.ontrack = (e) => onTrack(e.streams[0] ?? new MediaStream([e.track]));
  }

  states(): PeerStates {
    const dtls = this.pc.getSenders().find((s) => s.transport)?.transport;
    return {
      connection: this.pc.connectionState,
      ice: this.pc.iceConnectionState,
      signaling: this.pc.signalingState,
      dtls: dtls?.state ?? null,
      gathering: this.pc.iceGatheringState,
    };
  }

  /** The caller of an E2EE call, or either device of a standard call: offer with our tracks. */
  async offer(): Promise<string> {
    const stream = this.localStream;
    for (const track of stream?.getTracks() ?? []) this.pc.addTrack(track, stream!);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription?.sdp ?? '';
  }

  /** The callee of an E2EE call: answer with our tracks on the sections the offer made. */
  async answer(sdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    const tracks = [...(this.localStream?.getTracks() ?? [])];
    for (const transceiver of this.pc.getTransceivers()) {
      const index = tracks.findIndex((t) => t.kind === transceiver.receiver.track.kind);
      if (index < 0) continue;
      const [track] = tracks.splice(index, 1);
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(track ?? null);
      if (this.localStream) transceiver.sender.setStreams?.(this.localStream);
    }

    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.flushCandidates();
    return this.pc.localDescription?.sdp ?? '';
  }

  async applyAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    await this.flushCandidates();
  }

  /** A trickled candidate (null: end of candidates, RFC 8838 §4.4); kept until the remote description is set. */
  async addCandidate(candidate: string | null): Promise<void> {
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }

    try {
      // max-bundle: every candidate belongs to the first (bundled) section.
      await this.pc.addIceCandidate(candidate === null ? null : { candidate, sdpMLineIndex: 0 });
    } catch (e) {
      this.log(`candidate refused: ${(e as Error).message}`);
    }
  }

  private async flushCandidates(): Promise<void> {
    const pending = this.pendingCandidates.splice(0);
    for (const candidate of pending) await this.addCandidate(candidate);
  }

  /** The two fingerprints of the SDP, checked against the certificates the DTLS handshake used. */
  async fingerprints(): Promise<Fingerprints> {
    const local = sdpFingerprint(this.pc.localDescription?.sdp);
    const remote = sdpFingerprint(this.pc.remoteDescription?.sdp);
    const report = await this.pc.getStats();
    const all = [...report.values()] as Stat[];
    // Chromium reports the peer's certificate only at times; when it does, it must be the announced one.
    const transport = all.find((s) => s.type === 'transport' && s.dtlsState === 'connected');
    const certificate = (id: unknown) => (typeof id === 'string' ? (report.get(id) as Stat | undefined)?.fingerprint : undefined);
    const handshakeRemote = certificate(transport?.remoteCertificateId);
    const handshakeLocal = certificate(transport?.localCertificateId);
    return {
      local,
      remote,
      handshakeLocal: typeof handshakeLocal === 'string' ? handshakeLocal.toUpperCase() : null,
      handshakeRemote: typeof handshakeRemote === 'string' ? handshakeRemote.toUpperCase() : null,
    };
  }

  /**
   * The security code, once DTLS is up, from the two a=fingerprint lines; null when the handshake's
   * certificates are not the ones the SDP announced (then there is nothing trustworthy to compare).
   */
  async securityCode(): Promise<string | null> {
    const f = await this.fingerprints();
    if (!f.local || !f.remote) return null;
    if (f.handshakeRemote && f.handshakeRemote !== f.remote) return null;
    if (f.handshakeLocal && f.handshakeLocal !== f.local) return null;
    return securityCode(f.local, f.remote);
  }

  private videoSender(): RTCRtpSender | undefined {
    return (
      this.pc.getSenders().find((s) => s.track?.kind === 'video') ??
      this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video' && t.direction !== 'inactive')?.sender
    );
  }

  /** Replaces the camera by the screen on the video sender (no renegotiation). */
  async shareScreen(): Promise<string> {
    const sender = this.videoSender();
    if (!sender) throw new Error('This call has no video section to share the screen on.');
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const [track] = screen.getVideoTracks();
    if (!track) throw new Error('The screen capture has no video.');
    await sender.replaceTrack(track);
    this.screen = screen;
    track.addEventListener('ended', () => {
      this.stopSharing().catch((e: Error) => this.log(e.message));
    });
    return track.label;
  }

  async stopSharing(): Promise<void> {
    if (!this.screen) return;
    const camera = this.localStream?.getVideoTracks()[0] ?? null;
    await this.videoSender()?.replaceTrack(camera);
    for (const track of this.screen.getTracks()) track.stop();
    this.screen = null;
  }

  /** Watches for the first decoded audio (samples that were not concealment) and records when. */
  watchFirstAudio(): void {
    const poll = async () => {
      if (this.firstAudioAt !== null || this.pc.connectionState === 'closed') return;
      const report = await this.pc.getStats();
      const inbound = ([...report.values()] as Stat[]).find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
      const number = (value: unknown) => (typeof value === 'number' ? value : 0);
      if (inbound && number(inbound.packetsReceived) > 0 && number(inbound.totalSamplesReceived) > number(inbound.concealedSamples)) {
        this.firstAudioAt = now();
        return;
      }

      setTimeout(poll, 5);
    };
    void poll();
  }

  /** What getStats says of the call, for the diagnostics of the call screen. */
  async stats() {
    const report = await this.pc.getStats();
    const all = [...report.values()] as Stat[];
    const lookup = (id: unknown) => (typeof id === 'string' ? (report.get(id) as Stat | undefined) : undefined);
    const pick = (type: string, kind: string) => all.find((s) => s.type === type && s.kind === kind);
    const size = (s: Stat | undefined) => (s?.frameWidth ? `${String(s.frameWidth)}x${String(s.frameHeight)}` : null);
    const inbound = (kind: string) => {
      const s = pick('inbound-rtp', kind);
      return {
        bytes: (s?.bytesReceived as number | undefined) ?? 0,
        packets: (s?.packetsReceived as number | undefined) ?? 0,
        framesDecoded: (s?.framesDecoded as number | undefined) ?? 0,
        frameSize: size(s),
        codec: ((s && lookup(s.codecId)?.mimeType) as string | undefined) || null,
      };
    };
    const outbound = (kind: string) => {
      const s = pick('outbound-rtp', kind);
      return {
        bytes: (s?.bytesSent as number | undefined) ?? 0,
        packets: (s?.packetsSent as number | undefined) ?? 0,
        framesEncoded: (s?.framesEncoded as number | undefined) ?? 0,
        frameSize: size(s),
      };
    };
    const transport = all.find((s) => s.type === 'transport');
    const pair = lookup(transport?.selectedCandidatePairId);
    const local = lookup(pair?.localCandidateId);
    const remote = lookup(pair?.remoteCandidateId);
    const candidate = (c: Stat | undefined) => (c ? `${String(c.candidateType)} ${String(c.address)}:${String(c.port)}` : null);
    return {
      ...this.states(),
      dtlsState: (transport?.dtlsState as string | undefined) ?? null,
      tlsVersion: (transport?.tlsVersion as string | undefined) ?? null,
      srtpCipher: (transport?.srtpCipher as string | undefined) ?? null,
      localCandidate: candidate(local),
      remoteCandidate: candidate(remote),
      inboundAudio: inbound('audio'),
      inboundVideo: inbound('video'),
      outboundAudio: outbound('audio'),
      outboundVideo: outbound('video'),
      sendingVideo: this.videoSender()?.track?.label ?? null,
      connectedAt: this.connectedAt,
      firstAudioAt: this.firstAudioAt,
      fingerprints: await this.fingerprints(),
    };
  }

  close(): void {
    for (const track of this.screen?.getTracks() ?? []) track.stop();
    this.pc.close();
  }
}

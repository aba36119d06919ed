// One call's media in the browser: the RTCPeerConnection, local camera and microphone, screen sharing,
// and the security code of an end-to-end encrypted call.
//
// End-to-end encrypted calls: the caller offers, the callee answers, both through the hub, and
// candidates trickle peer to peer. Standard calls (STANDARD-MEDIA-PROTOCOL): each device offers to
// the server's media processor and gets its answer (ICE-lite, candidates inline) back from it.
import { sdpFingerprint, securityCode } from './security-code.js';

export class Peer {
  constructor({ iceServers, relayOnly, localStream, onCandidate, onState, onTrack, log }) {
    this.pc = new RTCPeerConnection({
      iceServers: (iceServers ?? []).map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })),
      // Chromium gathers no loopback host candidates: on one machine only the relay joins two pages.
      iceTransportPolicy: relayOnly ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
    });
    this.localStream = localStream;
    this.log = log;
    this.pendingCandidates = [];
    this.screen = null;
    this.firstAudioAt = null;
    this.pc.onicecandidate = (e) => onCandidate(e.candidate ? e.candidate.candidate : null);
    this.connectedAt = null;
    const changed = () => {
      if (this.pc.connectionState === 'connected') this.connectedAt ??= performance.timeOrigin + performance.now();
      onState(this.states());
    };
    this.pc.onconnectionstatechange = changed;
    this.pc.oniceconnectionstatechange = changed;
    this.pc.onsignalingstatechange = changed;
    this.pc.ontrack = (e) => onTrack(e.streams[0] ?? new MediaStream([e.track]));
  }

  states() {
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
  async offer() {
    for (const track of this.localStream?.getTracks() ?? []) this.pc.addTrack(track, this.localStream);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription.sdp;
  }

  /** The callee of an E2EE call: answer with our tracks on the sections the offer made. */
  async answer(sdp) {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    const tracks = [...(this.localStream?.getTracks() ?? [])];
    for (const transceiver of this.pc.getTransceivers()) {
      const index = tracks.findIndex((t) => t.kind === transceiver.receiver.track.kind);
      if (index < 0) continue;
      const [track] = tracks.splice(index, 1);
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(track);
      transceiver.sender.setStreams?.(this.localStream);
    }

    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.flushCandidates();
    return this.pc.localDescription.sdp;
  }

  async applyAnswer(sdp) {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    await this.flushCandidates();
  }

  /** A trickled candidate (null: end of candidates, RFC 8838 §4.4); kept until the remote description is set. */
  async addCandidate(candidate) {
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }

    try {
      // max-bundle: every candidate belongs to the first (bundled) section.
      await this.pc.addIceCandidate(candidate === null ? null : { candidate, sdpMLineIndex: 0 });
    } catch (e) {
      this.log(`candidate refused: ${e.message}`);
    }
  }

  async flushCandidates() {
    const pending = this.pendingCandidates.splice(0);
    for (const candidate of pending) await this.addCandidate(candidate);
  }

  /** The two fingerprints of the SDP, checked against the certificates the DTLS handshake used. */
  async fingerprints() {
    const local = sdpFingerprint(this.pc.localDescription?.sdp);
    const remote = sdpFingerprint(this.pc.remoteDescription?.sdp);
    const report = await this.pc.getStats();
    // Chromium reports the peer's certificate only at times; when it does, it must be the announced one.
    const transport = [...report.values()].find((s) => s.type === 'transport' && s.dtlsState === 'connected');
    const handshakeRemote = transport?.remoteCertificateId && report.get(transport.remoteCertificateId)?.fingerprint?.toUpperCase();
    const handshakeLocal = transport?.localCertificateId && report.get(transport.localCertificateId)?.fingerprint?.toUpperCase();
    return { local, remote, handshakeLocal: handshakeLocal ?? null, handshakeRemote: handshakeRemote ?? null };
  }

  /**
   * The security code, once DTLS is up, from the two a=fingerprint lines; null when the handshake's
   * certificates are not the ones the SDP announced (then there is nothing trustworthy to compare).
   */
  async securityCode() {
    const f = await this.fingerprints();
    if (!f.local || !f.remote) return null;
    if (f.handshakeRemote && f.handshakeRemote !== f.remote) return null;
    if (f.handshakeLocal && f.handshakeLocal !== f.local) return null;
    return securityCode(f.local, f.remote);
  }

  videoSender() {
    return this.pc.getSenders().find((s) => s.track?.kind === 'video')
      ?? this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video' && t.direction !== 'inactive')?.sender;
  }

  /** Replaces the camera by the screen on the video sender (no renegotiation). */
  async shareScreen() {
    const sender = this.videoSender();
    if (!sender) throw new Error('This call has no video section to share the screen on.');
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const [track] = screen.getVideoTracks();
    await sender.replaceTrack(track);
    this.screen = screen;
    track.addEventListener('ended', () => { this.stopSharing().catch((e) => this.log(e.message)); });
    return track.label;
  }

  async stopSharing() {
    if (!this.screen) return;
    const camera = this.localStream?.getVideoTracks()[0] ?? null;
    await this.videoSender()?.replaceTrack(camera);
    for (const track of this.screen.getTracks()) track.stop();
    this.screen = null;
  }

  /** Watches for the first decoded audio (samples that were not concealment) and records when. */
  watchFirstAudio() {
    const poll = async () => {
      if (this.firstAudioAt !== null || this.pc.connectionState === 'closed') return;
      const report = await this.pc.getStats();
      const inbound = [...report.values()].find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
      if (inbound && inbound.packetsReceived > 0 && (inbound.totalSamplesReceived ?? 0) > (inbound.concealedSamples ?? 0)) {
        this.firstAudioAt = performance.timeOrigin + performance.now();
        return;
      }

      setTimeout(poll, 5);
    };
    poll();
  }

  /** What getStats says of the call, for the page's log and for tests. */
  async stats() {
    const report = await this.pc.getStats();
    const all = [...report.values()];
    const pick = (type, kind) => all.find((s) => s.type === type && s.kind === kind);
    const inbound = (kind) => {
      const s = pick('inbound-rtp', kind);
      return {
        bytes: s?.bytesReceived ?? 0,
        packets: s?.packetsReceived ?? 0,
        framesDecoded: s?.framesDecoded ?? 0,
        frameSize: s?.frameWidth ? `${s.frameWidth}x${s.frameHeight}` : null,
        codec: (s && report.get(s.codecId)?.mimeType) || null,
      };
    };
    const outbound = (kind) => {
      const s = pick('outbound-rtp', kind);
      return {
        bytes: s?.bytesSent ?? 0,
        packets: s?.packetsSent ?? 0,
        framesEncoded: s?.framesEncoded ?? 0,
        frameSize: s?.frameWidth ? `${s.frameWidth}x${s.frameHeight}` : null,
      };
    };
    const transport = all.find((s) => s.type === 'transport');
    const pair = transport && report.get(transport.selectedCandidatePairId);
    const local = pair && report.get(pair.localCandidateId);
    const remote = pair && report.get(pair.remoteCandidateId);
    return {
      ...this.states(),
      dtlsState: transport?.dtlsState ?? null,
      tlsVersion: transport?.tlsVersion ?? null,
      srtpCipher: transport?.srtpCipher ?? null,
      localCandidate: local ? `${local.candidateType} ${local.address}:${local.port}` : null,
      remoteCandidate: remote ? `${remote.candidateType} ${remote.address}:${remote.port}` : null,
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

  close() {
    for (const track of this.screen?.getTracks() ?? []) track.stop();
    this.pc.close();
  }
}

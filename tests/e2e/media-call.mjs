// Drives Debian's Chromium (headless, Playwright) as the far end of a Conclave audio call.
// The xunit test starts this script and talks to it in JSON lines: commands on stdin, replies on
// stdout (diagnostics go to stderr). One page per call:
//
//   {"op":"start","id":"c1","mode":"browser-offers"|"browser-answers","ice":{...},"toneHz":1000}
//     browser-offers  -> {"op":"offer","id","sdp"}       then expects {"op":"answer","id","sdp"}
//     browser-answers -> {"op":"ready","id"}             then expects {"op":"offer","id","sdp"} -> {"op":"answer","id","sdp"}
//   {"op":"stats","id","screenshot":"path.png"} -> {"op":"stats","id",...}   (waits for inbound audio)
//   {"op":"close","id"} -> {"op":"closed","id"}
//   {"op":"exit"} or end of stdin: closes the browser and exits.
//
// The page sends a WebAudio OscillatorNode tone (exact frequency, unlike the fake device's beep),
// keeps its media on 127.0.0.1 through the TURN relay (iceTransportPolicy 'relay': Chromium
// gathers no loopback host candidates), and computes the call security code of
// docs/security-code.md from the two certificates of the DTLS handshake.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const log = (...args) => process.stderr.write(args.join(' ') + '\n');

// http://127.0.0.1 is a secure context (crypto.subtle, getUserMedia).
const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Conclave call</title>
<style>body{font:14px monospace;margin:1em} pre{white-space:pre-wrap}</style>
<h1>Conclave ↔ Chromium audio call</h1><pre id="status">starting</pre><audio id="remote" autoplay></audio>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

// Chromium honours only the last --disable-features flag: every feature goes in this one.
const features = ['WebRtcHideLocalIpsWithMdns'].join(',');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--autoplay-policy=no-user-gesture-required', `--disable-features=${features}`,
  ],
});
log(`chromium ${browser.version()} at ${url}`);

const pages = new Map();

// Runs in the page: sets up the peer connection and helpers on window.call.
function pageSetup({ ice, toneHz, mode }) {
  const status = (text) => { document.getElementById('status').textContent = text; };
  const pc = new RTCPeerConnection({ iceServers: [ice], iceTransportPolicy: 'relay' });
  const audio = new AudioContext({ sampleRate: 48000 });
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = toneHz;
  const gain = audio.createGain();
  gain.gain.value = 0.5;
  const destination = audio.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const track = destination.stream.getAudioTracks()[0];
  if (mode === 'browser-offers') pc.addTrack(track, destination.stream);
  pc.ontrack = (e) => { document.getElementById('remote').srcObject = e.streams[0] ?? new MediaStream([e.track]); };
  // State changes go to the console, which the driver forwards to the test's diagnostics.
  const t0 = performance.now();
  const trace = (what) => console.log(`${(performance.now() - t0).toFixed(0)} ms ${what}`);
  pc.onconnectionstatechange = () => { status(`connection ${pc.connectionState}`); trace(`connection ${pc.connectionState}`); };
  pc.oniceconnectionstatechange = () => trace(`ice ${pc.iceConnectionState}`);
  pc.onicegatheringstatechange = () => trace(`gathering ${pc.iceGatheringState}`);
  pc.onicecandidateerror = (e) => trace(`candidate error ${e.url} ${e.errorCode} ${e.errorText}`);

  const gathered = () => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });

  const hexBytes = (colonHex) => Uint8Array.from(colonHex.split(':').map((h) => parseInt(h, 16)));
  const sdpFingerprint = (sdp) => /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/.exec(sdp)?.[1]?.toUpperCase();

  // docs/security-code.md: sort the two raw fingerprints, SHA-256 over label ‖ first ‖ second,
  // four 40-bit big-endian groups mod 100000, five digits each.
  async function securityCode(fpA, fpB) {
    const a = hexBytes(fpA);
    const b = hexBytes(fpB);
    let order = 0;
    for (let i = 0; i < 32 && order === 0; i++) order = a[i] - b[i];
    const [first, second] = order <= 0 ? [a, b] : [b, a];
    const label = new TextEncoder().encode('conclave-call-security-code-v1');
    const input = new Uint8Array(label.length + 64);
    input.set(label, 0);
    input.set(first, label.length);
    input.set(second, label.length + 32);
    const h = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
    const groups = [];
    for (let g = 0; g < 4; g++) {
      let n = 0n;
      for (let i = 0; i < 5; i++) n = (n << 8n) | BigInt(h[5 * g + i]);
      groups.push((n % 100000n).toString().padStart(5, '0'));
    }
    return groups.join(' ');
  }

  async function offer() {
    await pc.setLocalDescription(await pc.createOffer());
    await gathered();
    status('offer sent');
    return pc.localDescription.sdp;
  }

  async function answer(remoteOffer) {
    await pc.setRemoteDescription({ type: 'offer', sdp: remoteOffer });
    const [transceiver] = pc.getTransceivers();
    transceiver.direction = 'sendrecv';
    await transceiver.sender.replaceTrack(track);
    transceiver.sender.setStreams?.(destination.stream);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered();
    status('answer sent');
    return pc.localDescription.sdp;
  }

  async function applyAnswer(remoteAnswer) {
    await pc.setRemoteDescription({ type: 'answer', sdp: remoteAnswer });
  }

  async function stats(timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    let report;
    let inbound;
    // audioLevel is the level of the last few frames: on a starved machine some of them are concealed
    // silence, so keep the loudest of a second of samples once enough audio arrived.
    let maxAudioLevel = null;
    let loudSamples = 0;
    for (;;) {
      report = await pc.getStats();
      inbound = [...report.values()].find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
      if (typeof inbound?.audioLevel === 'number') maxAudioLevel = Math.max(maxAudioLevel ?? 0, inbound.audioLevel);
      if ((inbound?.bytesReceived ?? 0) > 8000) loudSamples++;
      if (loudSamples >= 10 || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = [...report.values()];
    const outbound = all.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio');
    const transport = all.find((s) => s.type === 'transport');
    const pair = transport && report.get(transport.selectedCandidatePairId);
    const local = pair && report.get(pair.localCandidateId);
    const remote = pair && report.get(pair.remoteCandidateId);
    const localCert = transport && report.get(transport.localCertificateId);
    const remoteCert = transport && report.get(transport.remoteCertificateId);
    const codec = inbound && report.get(inbound.codecId);
    const localFp = localCert?.fingerprint?.toUpperCase();
    const remoteFp = remoteCert?.fingerprint?.toUpperCase();
    const result = {
      connectionState: pc.connectionState,
      bytesReceived: inbound?.bytesReceived ?? 0,
      packetsReceived: inbound?.packetsReceived ?? 0,
      packetsLost: inbound?.packetsLost ?? 0,
      jitter: inbound?.jitter ?? null,
      audioLevel: maxAudioLevel,
      totalAudioEnergy: inbound?.totalAudioEnergy ?? null,
      inboundCodec: codec ? `${codec.mimeType}/${codec.clockRate} pt ${codec.payloadType}` : null,
      bytesSent: outbound?.bytesSent ?? 0,
      packetsSent: outbound?.packetsSent ?? 0,
      dtlsState: transport?.dtlsState ?? null,
      dtlsRole: transport?.dtlsRole ?? null,
      tlsVersion: transport?.tlsVersion ?? null,
      srtpCipher: transport?.srtpCipher ?? null,
      localCandidate: local ? `${local.candidateType} ${local.address}:${local.port}` : null,
      remoteCandidate: remote ? `${remote.candidateType} ${remote.address}:${remote.port}` : null,
      localFingerprint: localFp ?? null,
      remoteFingerprint: remoteFp ?? null,
      localSdpFingerprint: sdpFingerprint(pc.localDescription?.sdp ?? ''),
      remoteSdpFingerprint: sdpFingerprint(pc.remoteDescription?.sdp ?? ''),
      securityCode: localFp && remoteFp ? await securityCode(localFp, remoteFp) : null,
    };
    status(JSON.stringify(result, null, 2));
    return result;
  }

  window.call = { pc, offer, answer, applyAnswer, stats, close: () => { pc.close(); audio.close(); } };
}

async function handle(message) {
  const { op, id } = message;
  switch (op) {
    case 'start': {
      const page = await browser.newPage();
      page.on('console', (m) => log(`[${id}] ${m.text()}`));
      await page.goto(url);
      await page.evaluate(pageSetup, { ice: message.ice, toneHz: message.toneHz, mode: message.mode });
      pages.set(id, page);
      if (message.mode === 'browser-offers') {
        send({ op: 'offer', id, sdp: await page.evaluate(() => window.call.offer()) });
      } else {
        send({ op: 'ready', id });
      }
      return;
    }
    case 'offer': {
      const sdp = await pages.get(id).evaluate((offer) => window.call.answer(offer), message.sdp);
      send({ op: 'answer', id, sdp });
      return;
    }
    case 'answer': {
      await pages.get(id).evaluate((answer) => window.call.applyAnswer(answer), message.sdp);
      send({ op: 'answered', id });
      return;
    }
    case 'stats': {
      const page = pages.get(id);
      const stats = await page.evaluate((t) => window.call.stats(t), message.timeoutMs ?? 10000);
      if (message.screenshot) await page.screenshot({ path: message.screenshot, fullPage: true });
      send({ op: 'stats', id, ...stats });
      return;
    }
    case 'close': {
      const page = pages.get(id);
      pages.delete(id);
      await page.evaluate(() => window.call.close());
      await page.close();
      send({ op: 'closed', id });
      return;
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

async function shutdown(code) {
  await browser.close().catch(() => {});
  server.close();
  process.exit(code);
}

send({ op: 'hello', version: browser.version() });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    send({ op: 'error', message: 'bad json' });
    continue;
  }

  if (message.op === 'exit') break;
  try {
    await handle(message);
  } catch (e) {
    send({ op: 'error', id: message.id, message: String(e?.stack ?? e) });
  }
}

await shutdown(0);

// The call page: signs in, registers this browser as an E2EE-capable device on the call hub
// (/hubs/calls, docs/api.md), shows and flips the user's E2EE-calls setting, and places, answers,
// declines and ends one-to-one calls with audio, camera video and screen sharing.
import { accessToken, completeSignIn, signIn, signOut, signedIn } from './auth.js';
import { Peer } from './peer.js';
import { E2eeSetting } from './setting.js';

const $ = (id) => document.getElementById(id);
const OPTIONS = 'conclave.call.options';
const lines = [];

function log(text) {
  const line = `${new Date().toISOString().slice(11, 23)} ${text}`;
  lines.push(line);
  if (lines.length > 500) lines.shift();
  $('log').textContent = lines.join('\n');
  console.log(`[call] ${text}`);
}

const status = (text) => { $('status').textContent = text ?? ''; };

// ?relay=1 keeps media on the TURN relay (iceTransportPolicy 'relay'); remembered across the sign-in redirect.
const query = new URLSearchParams(location.search);
const saved = JSON.parse(sessionStorage.getItem(OPTIONS) ?? '{}');
const options = { relay: query.has('relay') ? query.get('relay') === '1' : saved.relay === true };
sessionStorage.setItem(OPTIONS, JSON.stringify(options));
const cleanUrl = `${location.pathname}${options.relay ? '?relay=1' : ''}`;

let hub = null;
let device = null;
let call = null;
let localStream = null;
let ringing = null;
let setting = null;

// --- the call view -----------------------------------------------------------------------------

function showIndicator(e2ee) {
  const indicator = $('indicator');
  if (!e2ee) {
    indicator.dataset.mode = 'none';
    indicator.textContent = '';
    $('reason').textContent = '';
    return;
  }

  indicator.dataset.mode = e2ee.endToEnd ? 'e2ee' : 'standard';
  indicator.textContent = e2ee.endToEnd ? 'End-to-end encrypted' : 'Encrypted (standard)';
  $('reason').textContent = e2ee.endToEnd ? '' : (e2ee.reasons ?? []).map((r) => r.message).join(' ') || e2ee.summary || '';
  if (!e2ee.endToEnd) showCode(null);
}

function showCode(code) {
  $('code').textContent = code ?? '';
  $('code-line').hidden = !code;
}

function showCall() {
  $('in-call').hidden = call === null;
  $('place').hidden = call !== null;
  if (!call) return;
  $('peer').textContent = call.peer;
  $('call-state').textContent = call.phase;
  showIndicator(call.e2ee);
}

function setPhase(phase) {
  if (!call) return;
  call.phase = phase;
  $('call-state').textContent = phase;
  log(`call ${phase}`);
}

async function ensureLocalMedia() {
  if (localStream) return localStream;
  try {
    localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
  } catch (e) {
    log(`camera unavailable (${e.name}); audio only`);
    localStream = await navigator.mediaDevices.getUserMedia({ audio: true });
  }

  $('local-video').srcObject = localStream;
  return localStream;
}

function stopLocalMedia() {
  for (const track of localStream?.getTracks() ?? []) track.stop();
  localStream = null;
  $('local-video').srcObject = null;
  $('remote-video').srcObject = null;
}

/** Every hub message of one call runs in order on its own chain. */
function serial(target, step) {
  target.chain = target.chain.then(step).catch((e) => {
    log(`error: ${e.message}`);
    status(e.message);
  });
  return target.chain;
}

function newCall(id, peer, isCaller, e2ee, iceServers) {
  return { id, peer, isCaller, e2ee, iceServers, phase: 'ringing', peerConnection: null, chain: Promise.resolve(), acceptedAt: null, answered: false };
}

async function createPeer(target) {
  const stream = await ensureLocalMedia();
  if (call !== target) {
    // The call ended while the camera opened: nothing may keep it open.
    if (!call) stopLocalMedia();
    throw new Error('The call ended before its media started.');
  }

  if (options.relay && !(target.iceServers ?? []).some((s) => [s.urls].flat().some((u) => /^turns?:/.test(u)))) {
    status('This page keeps media on the relay (?relay=1), but the server handed out no TURN server for this call.');
  }

  target.peerConnection = new Peer({
    iceServers: target.iceServers,
    relayOnly: options.relay,
    localStream: stream,
    log,
    onCandidate: (candidate) => {
      // Standard calls: the media processor is ICE-lite and needs none of ours; they are sent all the same.
      hub.invoke('SendCandidate', target.id, candidate).catch((e) => log(`candidate not sent: ${e.message}`));
    },
    onTrack: (streamIn) => { $('remote-video').srcObject = streamIn; },
    onState: (states) => {
      log(`connection ${states.connection}, ice ${states.ice}, dtls ${states.dtls}`);
      if (call !== target) return;
      if (states.connection === 'connected') serial(target, () => connected(target));
      if (states.connection === 'failed') status('The media connection failed.');
    },
  });
  target.peerConnection.watchFirstAudio();
}

async function connected(target) {
  setPhase('connected');
  if (!target.e2ee?.endToEnd) {
    showCode(null);
    return;
  }

  const code = await target.peerConnection.securityCode();
  showCode(code);
  if (!code) status('The certificates of the connection do not match the call set-up: hang up.');
}

/** Both sides of a standard call offer to the server's media processor, which answers each. */
async function offerTo(target) {
  const sdp = await target.peerConnection.offer();
  const error = await hub.invoke('SendDescription', target.id, 'offer', sdp);
  if (error) throw new Error(`${error.message} (${error.code})`);
}

async function placeCall(upn) {
  status('');
  await ensureLocalMedia();
  const answer = await hub.invoke('PlaceCall', upn);
  if (answer.error) {
    if (!call) stopLocalMedia();
    const reasons = (answer.e2ee?.reasons ?? []).map((r) => r.message).join(' ');
    status(`${answer.error.message}${reasons ? ` ${reasons}` : ''} (${answer.error.code})`);
    return;
  }

  call = newCall(answer.callId, upn, true, answer.e2ee, answer.iceServers);
  showCall();
  log(`calling ${upn}: ${answer.e2ee.endToEnd ? 'end-to-end encrypted' : 'standard'}`);
}

async function answerCall() {
  const incoming = ringing;
  if (!incoming) return;
  ringing = null;
  $('incoming').hidden = true;
  const target = newCall(incoming.callId, incoming.callerUpn, false, incoming.e2ee, incoming.iceServers);
  target.acceptedAt = performance.timeOrigin + performance.now();
  call = target;
  showCall();
  // The caller's offer and candidates may arrive before Accept returns: they queue behind this step,
  // on the call's chain, until the peer connection exists.
  await serial(target, async () => {
    const answer = await hub.invoke('Accept', target.id);
    if (answer.error) {
      status(`${answer.error.message} (${answer.error.code})`);
      endCall(target, answer.error.code);
      return;
    }

    target.e2ee = answer.e2ee;
    target.iceServers = answer.iceServers;
    setPhase('connecting');
    showIndicator(target.e2ee);
    await createPeer(target);
    if (!target.e2ee.endToEnd) await offerTo(target);
  });
}

async function declineCall() {
  const incoming = ringing;
  ringing = null;
  $('incoming').hidden = true;
  if (incoming) await hub.invoke('Decline', incoming.callId);
}

async function hangUp() {
  const target = call;
  if (!target) return;
  const error = await hub.invoke(target.isCaller && target.phase === 'ringing' ? 'Cancel' : 'HangUp', target.id);
  if (error) log(`hang up: ${error.message}`);
  endCall(target, 'HungUp');
}

function endCall(target, reason) {
  target.peerConnection?.close();
  if (call === target) {
    call = null;
    stopLocalMedia();
    showCode(null);
    showCall();
    $('share').hidden = false;
    $('camera').hidden = true;
    status(`Call ended: ${reason}.`);
  }

  log(`call ended: ${reason}`);
}

// --- hub ---------------------------------------------------------------------------------------

function onIncoming(message) {
  if (call || ringing) return;
  ringing = message;
  $('incoming-from').textContent = message.callerDisplayName ? `${message.callerDisplayName} (${message.callerUpn})` : message.callerUpn;
  $('incoming-e2ee').textContent = message.e2ee.endToEnd ? 'End-to-end encrypted' : 'Encrypted (standard)';
  $('incoming').hidden = false;
  log(`incoming call from ${message.callerUpn}`);
}

function onAccepted(message) {
  if (!call || call.id !== message.callId) return;
  const target = call;
  target.e2ee = message.e2ee;
  showIndicator(target.e2ee);
  if (!target.isCaller) return;
  target.acceptedAt = performance.timeOrigin + performance.now();
  serial(target, async () => {
    setPhase('connecting');
    await createPeer(target);
    if (target.e2ee.endToEnd) {
      const sdp = await target.peerConnection.offer();
      const error = await hub.invoke('SendDescription', target.id, 'offer', sdp);
      if (error) throw new Error(`${error.message} (${error.code})`);
    } else {
      await offerTo(target);
    }
  });
}

function onDescription(message) {
  const target = call;
  if (!target || target.id !== message.callId) return;
  serial(target, async () => {
    const peer = target.peerConnection;
    if (message.type === 'offer' && !target.isCaller && target.e2ee?.endToEnd) {
      const sdp = await peer.answer(message.sdp);
      const error = await hub.invoke('SendDescription', target.id, 'answer', sdp);
      if (error) throw new Error(`${error.message} (${error.code})`);
    } else if (message.type === 'answer') {
      target.answered = true;
      await peer.applyAnswer(message.sdp);
    }
  });
}

function onCandidate(message) {
  const target = call;
  if (!target || target.id !== message.callId) return;
  serial(target, () => target.peerConnection?.addCandidate(message.candidate));
}

function onEnded(message) {
  if (ringing?.callId === message.callId) {
    ringing = null;
    $('incoming').hidden = true;
    log(`call from stopped ringing: ${message.reason}`);
  }

  if (call?.id === message.callId) endCall(call, message.reason);
}

async function connectHub() {
  // The access token goes in the access_token query parameter of the WebSocket only (browsers cannot
  // set headers there); negotiation sends it as a bearer header.
  hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/calls', { accessTokenFactory: accessToken })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  hub.on('IncomingCall', onIncoming);
  hub.on('CallAccepted', onAccepted);
  hub.on('CallEnded', onEnded);
  hub.on('Description', onDescription);
  hub.on('Candidate', onCandidate);
  // The server hangs up every call of a connection it loses: the call is over here too, whether or not
  // the reconnection succeeds, and a ringing call can no longer be answered from this connection.
  hub.onreconnecting(() => connectionLost('reconnecting'));
  hub.onclose(() => connectionLost('closed'));
  hub.onreconnected(() => register().catch((e) => log(`register: ${e.message}`)));
  await hub.start();
  await register();
}

function connectionLost(state) {
  log(`hub connection ${state}`);
  if (ringing) {
    ringing = null;
    $('incoming').hidden = true;
  }

  if (call) endCall(call, 'ConnectionLost');
}

async function register() {
  const name = `Browser (${navigator.userAgentData?.brands?.map((b) => b.brand).find((b) => !/Not/.test(b)) ?? 'web'})`;
  const registered = await hub.invoke('RegisterDevice', name, true);
  if (registered.error) throw new Error(`${registered.error.code}: ${registered.error.message}`);
  device = registered;
  $('me').textContent = device.upn;
  $('device').textContent = device.deviceId;
  log(`device ${device.deviceId} registered as ${device.upn}`);
}

// --- start -------------------------------------------------------------------------------------

async function start() {
  $('sign-in').addEventListener('click', () => signIn().catch((e) => status(e.message)));
  $('sign-out').addEventListener('click', () => {
    setting?.stop();
    hub?.stop();
    signOut().finally(() => location.assign(cleanUrl));
  });
  $('place').addEventListener('submit', (e) => {
    e.preventDefault();
    placeCall($('callee').value.trim()).catch((err) => status(err.message));
  });
  $('answer').addEventListener('click', () => answerCall().catch((e) => status(e.message)));
  $('decline').addEventListener('click', () => declineCall().catch((e) => status(e.message)));
  $('hang-up').addEventListener('click', () => hangUp().catch((e) => status(e.message)));
  $('share').addEventListener('click', () => {
    call?.peerConnection?.shareScreen().then((label) => {
      log(`sharing ${label}`);
      $('share').hidden = true;
      $('camera').hidden = false;
    }).catch((e) => status(`Screen sharing: ${e.message}`));
  });
  $('camera').addEventListener('click', () => {
    call?.peerConnection?.stopSharing().then(() => {
      $('share').hidden = false;
      $('camera').hidden = true;
    }).catch((e) => status(e.message));
  });

  try {
    await completeSignIn(cleanUrl);
  } catch (e) {
    status(e.message);
  }

  if (!signedIn()) return;
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  await connectHub();
  setting = new E2eeSetting({ box: $('e2ee-setting'), note: $('e2ee-setting-note'), log, status });
  await setting.start();
}

// The page's state for its own diagnostics (and for automated checks of it).
window.conclaveCall = {
  snapshot: () => ({
    signedIn: signedIn(),
    device,
    hub: hub?.state ?? null,
    setting: setting?.view ?? null,
    ringing: ringing ? { callId: ringing.callId, callerUpn: ringing.callerUpn } : null,
    call: call ? { id: call.id, peer: call.peer, isCaller: call.isCaller, phase: call.phase, e2ee: call.e2ee, acceptedAt: call.acceptedAt, answered: call.answered } : null,
    indicator: $('indicator').textContent,
    reason: $('reason').textContent,
    code: $('code-line').hidden ? null : $('code').textContent,
    status: $('status').textContent,
    log: lines.slice(-80),
  }),
  stats: async () => (call?.peerConnection ? call.peerConnection.stats() : null),
};

start().catch((e) => {
  log(`start: ${e.message}`);
  status(e.message);
});

// Regenerates the Chromium SDP captures in testdata/ (chromium-offer.sdp, chromium-answer.sdp,
// chromium-audio-offer.sdp) from the installed Debian chromium, headless with fake media devices.
//
//   cd tests/Conclave.Protocols.Tests/testdata/capture && npm install && node capture-sdp.mjs
//
// Two RTCPeerConnections in one page. The answerer gets the offer without candidates and the
// offerer never gets the answer, so no ICE check is ever sent: nothing leaves the browser.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = join(dirname(fileURLToPath(import.meta.url)), '..');
const features = 'WebRtcHideLocalIpsWithMdns';

// getUserMedia needs a secure context: http://127.0.0.1 is one.
const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>sdp capture</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    `--disable-features=${features}`,
  ],
});

try {
  const page = await browser.newPage();
  await page.goto(url);
  const result = await page.evaluate(async () => {
    const gathered = (pc) => new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });

    async function offerAnswer(constraints) {
      const offerer = new RTCPeerConnection();
      const answerer = new RTCPeerConnection();
      const local = await navigator.mediaDevices.getUserMedia(constraints);
      local.getTracks().forEach((t) => offerer.addTrack(t, local));
      const offer = await offerer.createOffer();
      await offerer.setLocalDescription(offer);
      await gathered(offerer);

      await answerer.setRemoteDescription(offer);
      const remote = await navigator.mediaDevices.getUserMedia(constraints);
      remote.getTracks().forEach((t) => answerer.addTrack(t, remote));
      await answerer.setLocalDescription(await answerer.createAnswer());
      await gathered(answerer);

      const sdp = { offer: offerer.localDescription.sdp, answer: answerer.localDescription.sdp };
      offerer.close();
      answerer.close();
      local.getTracks().forEach((t) => t.stop());
      remote.getTracks().forEach((t) => t.stop());
      return sdp;
    }

    const av = await offerAnswer({ audio: true, video: true });
    const audio = await offerAnswer({ audio: true });
    return { offer: av.offer, answer: av.answer, audioOffer: audio.offer, version: navigator.userAgent };
  });

  writeFileSync(join(out, 'chromium-offer.sdp'), result.offer);
  writeFileSync(join(out, 'chromium-answer.sdp'), result.answer);
  writeFileSync(join(out, 'chromium-audio-offer.sdp'), result.audioOffer);
  console.log(`captured from ${result.version}`);
} finally {
  await browser.close();
  server.close();
}

// The call screen's state for the browser tests (tests/e2e/call-page.mjs reads window.conclaveCall).
// Only test builds (vite build --mode test) import this module: main.tsx imports it behind
// import.meta.env.MODE === 'test', which the production build folds to false and drops, so the
// production bundle has no hook (web/scripts/bundle-size.mjs and a server test check it).
import { isSignedIn } from '../auth/session';
import { existingCallSession } from '../calls/callSession';
import { indicatorFor, showsCode } from '../calls/indicator';

declare global {
  interface Window {
    conclaveCall?: {
      snapshot: () => unknown;
      stats: () => Promise<unknown>;
    };
  }
}

window.conclaveCall = {
  snapshot: () => {
    const state = existingCallSession()?.getState() ?? null;
    const call = state?.call ?? null;
    const indicator = indicatorFor(call?.e2ee);
    return {
      signedIn: isSignedIn(),
      device: state?.device ?? null,
      hub: state?.hub ?? null,
      setting: state?.setting ?? null,
      ringing: state?.ringing ? { callId: state.ringing.callId, callerUpn: state.ringing.callerUpn } : null,
      call: call
        ? { id: call.id, peer: call.peer, isCaller: call.isCaller, phase: call.phase, e2ee: call.e2ee, acceptedAt: call.acceptedAt, answered: call.answered }
        : null,
      indicator: indicator.text,
      reason: indicator.reason,
      code: call && showsCode(call.e2ee, call.phase, call.code) ? call.code : null,
      status: state?.status ?? '',
      // The line over the remote tile when the peer sends no video (src/calls/remoteVideo.ts).
      noVideo: document.getElementById('no-video')?.textContent ?? null,
      log: state?.log.slice(-80) ?? [],
    };
  },
  stats: async () => (await existingCallSession()?.stats()) ?? null,
};

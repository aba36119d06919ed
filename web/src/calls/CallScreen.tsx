import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { describeError } from '../api/problem';
import { E2eeSettingControl } from '../settings/E2eeSettingControl';
import { CallHistory } from './CallHistory';
import { rememberCallOptions } from './callOptions';
import { callSession } from './callSession';
import { indicatorFor, showsCode, verdictLabel } from './indicator';
import { callerLabel } from './phases';
import { noVideoNote } from './remoteVideo';
import { useCallSession } from './useCallSession';
import { useVideoArriving } from './useVideoArriving';
import { Video } from './Video';

/** Place, answer, decline and end one-to-one calls; the encryption indicator and the security code. */
export function CallScreen() {
  const location = useLocation();
  const state = useCallSession();
  const session = callSession();
  const [callee, setCallee] = useState('');
  const [calls, setCalls] = useState(0);
  const inCall = useRef(false);
  const remoteVideoArriving = useVideoArriving(state.remoteStream);

  useEffect(() => {
    document.title = 'Calls – Conclave';
    rememberCallOptions(location.search);
  }, [location.search]);

  // The history gains a line when a call ends or stops ringing (the server stores it before saying so).
  const busy = state.call !== null || state.ringing !== null;
  useEffect(() => {
    if (inCall.current && !busy) setCalls((n) => n + 1);
    inCall.current = busy;
  }, [busy]);

  const act = (action: () => Promise<void>, what?: string) => () => {
    action().catch((e: unknown) => session.setStatus(what ? `${what}: ${describeError(e)}` : describeError(e)));
  };
  const place = (e: FormEvent) => {
    e.preventDefault();
    act(() => session.placeCall(callee.trim()))();
  };

  const call = state.call;
  const indicator = indicatorFor(call?.e2ee);
  const code = call && showsCode(call.e2ee, call.phase, call.code) ? call.code : null;
  const videoNote = call ? noVideoNote(call.peer, call.phase === 'connected', remoteVideoArriving) : null;

  return (
    <section aria-labelledby="screen-title" className="call-screen">
      <h1 id="screen-title">Calls</h1>
      <E2eeSettingControl />

      {!call && (
        <form id="place" onSubmit={place} className="place">
          <label htmlFor="callee">Call</label>
          <input id="callee" name="callee" placeholder="name@domain" autoComplete="off" required value={callee} onChange={(e) => setCallee(e.target.value)} />
          <button id="call" type="submit" className="primary" disabled={state.device === null}>
            Call
          </button>
        </form>
      )}

      {state.ringing && (
        <section id="incoming" className="incoming" aria-labelledby="incoming-from">
          <p>
            <strong id="incoming-from">{callerLabel(state.ringing.callerUpn, state.ringing.callerDisplayName)}</strong> is calling.{' '}
            <span id="incoming-e2ee">{verdictLabel(state.ringing.e2ee)}</span>
          </p>
          <button id="answer" type="button" className="primary" onClick={act(() => session.answer())}>
            Answer
          </button>
          <button id="decline" type="button" onClick={act(() => session.decline())}>
            Decline
          </button>
        </section>
      )}

      {call && (
        <section id="in-call" aria-labelledby="peer-line">
          <p id="peer-line">
            Call with <strong id="peer">{call.peer}</strong>: <span id="call-state">{call.phase}</span>
          </p>
          <p id="indicator" data-mode={indicator.mode}>
            {indicator.mode !== 'none' && <span aria-hidden="true" className="shield" />}
            {indicator.text}
          </p>
          <p id="reason">{indicator.reason}</p>
          {code && (
            <p id="code-line">
              Security code: <output id="code">{code}</output>{' '}
              <small>Compare it with the other person: the same digits on both screens mean no one is in between.</small>
            </p>
          )}
          <div id="videos">
            <div className="remote-tile">
              <Video id="remote-video" stream={state.remoteStream} muted={false} label={`Video from ${call.peer}`} />
              {videoNote && (
                <p id="no-video" className="no-video" role="status">
                  {videoNote}
                </p>
              )}
            </div>
            <Video id="local-video" stream={state.localStream} muted label="Your camera" />
          </div>
          {state.sharing ? (
            <button id="camera" type="button" onClick={act(() => session.stopSharing())}>
              Back to camera
            </button>
          ) : (
            <button id="share" type="button" onClick={act(() => session.shareScreen(), 'Screen sharing')}>
              Share screen
            </button>
          )}
          <button id="hang-up" type="button" className="danger" onClick={act(() => session.hangUp())}>
            Hang up
          </button>
        </section>
      )}

      <p id="status" role="status">
        {state.status}
      </p>

      <CallHistory refresh={calls} />

      <details>
        <summary>Connection log</summary>
        <pre id="log">{state.log.join('\n')}</pre>
      </details>
    </section>
  );
}

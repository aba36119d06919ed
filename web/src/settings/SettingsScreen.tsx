import { useEffect } from 'react';
import { useCallSession } from '../calls/useCallSession';
import { E2eeSettingControl } from './E2eeSettingControl';
import { modeSentence } from './e2eeView';

/** The person's own settings: end-to-end encryption of calls, as the policy lets them choose. */
export function SettingsScreen() {
  const { setting, status } = useCallSession();
  useEffect(() => {
    document.title = 'Settings – Conclave';
  }, []);

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Settings</h1>
      <section aria-labelledby="e2ee-title" className="card">
        <h2 id="e2ee-title">End-to-end encrypted calls</h2>
        <p>
          An end-to-end encrypted call is readable only by the two people in it, not by the server. Both sides must allow it; each call shows
          which kind it is.
        </p>
        <E2eeSettingControl />
        {setting && <p className="muted">Your organisation&apos;s policy: {modeSentence(setting)}.</p>}
        <p role="status" className="error-text">
          {status}
        </p>
      </section>
    </section>
  );
}

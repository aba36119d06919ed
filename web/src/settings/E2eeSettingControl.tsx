import { useState } from 'react';
import { callSession } from '../calls/callSession';
import { useCallSession } from '../calls/useCallSession';
import { lockedNote } from './e2eeView';

/**
 * The E2EE-calls switch. It moves at once when clicked and goes back if the server refuses; it follows
 * the policy live (an administrator's change shows within a second) and is disabled while policy decides.
 */
export function E2eeSettingControl() {
  const { setting } = useCallSession();
  const [pending, setPending] = useState<boolean | null>(null);
  const checked = pending ?? setting?.on ?? false;
  const change = (on: boolean) => {
    setPending(on);
    void callSession()
      .changeSetting(on)
      .finally(() => setPending(null));
  };

  return (
    <p className="setting">
      <label>
        <input
          id="e2ee-setting"
          type="checkbox"
          checked={checked}
          disabled={!setting || !setting.canChange}
          aria-describedby="e2ee-setting-note"
          onChange={(e) => change(e.target.checked)}
        />{' '}
        End-to-end encrypt my calls
      </label>{' '}
      <span id="e2ee-setting-note" className="muted">
        {setting ? lockedNote(setting) : 'Loading the setting…'}
      </span>
    </p>
  );
}

// The signed-in user's E2EE-calls setting as GET /api/me/e2ee-calls answers it (docs/api.md; the server
// answers a JsonObject, so the shape is written here), and the words the settings control shows.

export interface E2eeCallsView {
  /** Disabled, UserMayEnable, OnByDefaultUserMayDisable or Required. */
  mode: string;
  /** Policy, PolicyDefault, UserChoice or ComplianceRecording. */
  reason: string;
  /** The stored choice: On, Off or Unset. */
  setting: string;
  /** Whether calls are end-to-end encrypted now. */
  on: boolean;
  canChange: boolean;
  policy: string;
}

const modeWords: Record<string, string> = {
  Disabled: 'end-to-end encryption is turned off for you',
  Required: 'end-to-end encryption is required for you',
  UserMayEnable: 'you may turn it on',
  OnByDefaultUserMayDisable: 'on unless you turn it off',
};

/** Why the switch cannot be changed, or '' when it can. Keeps the policy value's name for support. */
export function lockedNote(view: E2eeCallsView | null): string {
  if (!view || view.canChange) return '';
  const by = view.reason === 'ComplianceRecording' ? 'compliance recording' : 'policy';
  return `(set by ${by}: ${view.mode})`;
}

/** A sentence on what the policy lets the user do. */
export const modeSentence = (view: E2eeCallsView): string => modeWords[view.mode] ?? view.mode;

/** The body of PUT /api/me/e2ee-calls for the switch's new position. */
export const settingFor = (on: boolean): { setting: 'On' | 'Off' } => ({ setting: on ? 'On' : 'Off' });

/** Whether an event of /api/me/policy-events carries a new view of this setting. */
export const isE2eeEvent = (event: string): boolean => event === 'e2ee-calls';

// What the call screen says of a call's encryption: the shield-and-lock "End-to-end encrypted" with the
// security code once the media is up, or the plain shield "Encrypted (standard)" with the reason the
// call is not end-to-end encrypted (each side's reason, from the server's E2EE verdict).
import type { E2eeInfo } from './hubMessages';

export type IndicatorMode = 'none' | 'e2ee' | 'standard';

export interface Indicator {
  mode: IndicatorMode;
  text: string;
  reason: string;
}

export const E2EE_TEXT = 'End-to-end encrypted';
export const STANDARD_TEXT = 'Encrypted (standard)';

/** The indicator for a call's verdict (none before there is one). */
export function indicatorFor(e2ee: E2eeInfo | null | undefined): Indicator {
  if (!e2ee) return { mode: 'none', text: '', reason: '' };
  if (e2ee.endToEnd) return { mode: 'e2ee', text: E2EE_TEXT, reason: '' };
  const reasons = (e2ee.reasons ?? []).map((r) => r.message).join(' ');
  return { mode: 'standard', text: STANDARD_TEXT, reason: reasons || e2ee.summary || '' };
}

/** The short label of an incoming call's encryption. */
export const verdictLabel = (e2ee: E2eeInfo | null | undefined): string => (e2ee?.endToEnd ? E2EE_TEXT : STANDARD_TEXT);

/** The refusal of a call placed, with the reasons of the verdict when it carries some. */
export function refusalText(error: { code: string; message: string }, e2ee: E2eeInfo | null | undefined): string {
  const reasons = (e2ee?.reasons ?? []).map((r) => r.message).join(' ');
  return `${error.message}${reasons ? ` ${reasons}` : ''} (${error.code})`;
}

/** The security code is shown only for an end-to-end encrypted call whose media is up. */
export const showsCode = (e2ee: E2eeInfo | null | undefined, phase: string, code: string | null): boolean =>
  Boolean(e2ee?.endToEnd && phase === 'connected' && code);

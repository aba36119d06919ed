import { describe, expect, it } from 'vitest';
import type { E2eeInfo } from './hubMessages';
import { E2EE_TEXT, STANDARD_TEXT, indicatorFor, refusalText, showsCode, verdictLabel } from './indicator';
import { advance, callerLabel, endMethod, endedText } from './phases';

const e2ee: E2eeInfo = { endToEnd: true, refused: false, reasons: [], summary: 'End-to-end encrypted.' };
const standard: E2eeInfo = {
  endToEnd: false,
  refused: false,
  reasons: [
    { code: 'policy_disabled', side: 'caller', message: 'alice@conclave.test may not use end-to-end encryption.' },
    { code: 'setting_off', side: 'callee', message: 'bob@conclave.test turned it off.' },
  ],
  summary: 'Standard encryption.',
};

describe('indicatorFor', () => {
  it('shows nothing before a verdict', () => {
    expect(indicatorFor(null)).toEqual({ mode: 'none', text: '', reason: '' });
  });

  it('shows the shield and lock for an end-to-end encrypted call, without a reason', () => {
    expect(indicatorFor(e2ee)).toEqual({ mode: 'e2ee', text: E2EE_TEXT, reason: '' });
  });

  it('shows the plain shield with every side\'s reason for a standard call', () => {
    const shown = indicatorFor(standard);
    expect(shown.mode).toBe('standard');
    expect(shown.text).toBe(STANDARD_TEXT);
    expect(shown.reason).toBe('alice@conclave.test may not use end-to-end encryption. bob@conclave.test turned it off.');
  });

  it('falls back to the summary when the verdict lists no reason', () => {
    expect(indicatorFor({ ...standard, reasons: [] }).reason).toBe('Standard encryption.');
  });

  it('labels an incoming call by its verdict', () => {
    expect(verdictLabel(e2ee)).toBe(E2EE_TEXT);
    expect(verdictLabel(standard)).toBe(STANDARD_TEXT);
  });
});

describe('security code display', () => {
  it('shows the code only on a connected end-to-end encrypted call', () => {
    expect(showsCode(e2ee, 'connected', '12345 67890 12345 67890')).toBe(true);
    expect(showsCode(e2ee, 'connecting', '12345 67890 12345 67890')).toBe(false);
    expect(showsCode(standard, 'connected', '12345 67890 12345 67890')).toBe(false);
    expect(showsCode(e2ee, 'connected', null)).toBe(false);
  });
});

describe('phases', () => {
  it('only move forward', () => {
    expect(advance('ringing', 'connecting')).toBe('connecting');
    expect(advance('connected', 'connecting')).toBe('connected');
    expect(advance('connecting', 'ringing')).toBe('connecting');
  });

  it('cancel a ringing call the caller placed, hang up anything else', () => {
    expect(endMethod(true, 'ringing')).toBe('Cancel');
    expect(endMethod(true, 'connected')).toBe('HangUp');
    expect(endMethod(false, 'ringing')).toBe('HangUp');
  });

  it('keep the server\'s reason in the ended line', () => {
    expect(endedText('Declined')).toBe('The call was declined: Declined.');
    expect(endedText('SomethingNew')).toBe('Call ended: SomethingNew.');
  });

  it('name a caller by display name and address', () => {
    expect(callerLabel('a@x', 'Alice')).toBe('Alice (a@x)');
    expect(callerLabel('a@x', '')).toBe('a@x');
  });

  it('word a refused call with its reasons and code', () => {
    expect(refusalText({ code: 'call.e2ee_required', message: 'Not possible.' }, standard)).toContain('(call.e2ee_required)');
  });
});

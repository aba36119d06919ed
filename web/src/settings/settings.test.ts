import { describe, expect, it } from 'vitest';
import { type E2eeCallsView, lockedNote, modeSentence, settingFor } from './e2eeView';
import { EventStreamParser } from './eventStream';

const view = (over: Partial<E2eeCallsView>): E2eeCallsView => ({
  mode: 'UserMayEnable',
  reason: 'UserChoice',
  setting: 'On',
  on: true,
  canChange: true,
  policy: 'Global',
  ...over,
});

describe('EventStreamParser', () => {
  it('returns whole events only, across chunks and line endings', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: e2ee-calls\r\ndata: {"on":')).toEqual([]);
    expect(parser.push('true}\r\n\r\nevent: e2ee-calls\n')).toEqual([{ event: 'e2ee-calls', data: '{"on":true}' }]);
    expect(parser.push('data: {"on":false}\n\n')).toEqual([{ event: 'e2ee-calls', data: '{"on":false}' }]);
  });

  it('joins data lines, skips comments and names unnamed events "message"', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': keep-alive\n\ndata: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});

describe('the E2EE setting', () => {
  it('says nothing when the user may change it', () => {
    expect(lockedNote(view({}))).toBe('');
    expect(lockedNote(null)).toBe('');
  });

  it('names policy or compliance recording as what locks it, with the policy value', () => {
    expect(lockedNote(view({ canChange: false, reason: 'Policy', mode: 'Required' }))).toBe('(set by policy: Required)');
    expect(lockedNote(view({ canChange: false, reason: 'ComplianceRecording', mode: 'UserMayEnable' }))).toBe('(set by compliance recording: UserMayEnable)');
  });

  it('turns the switch into the body the API takes', () => {
    expect(settingFor(true)).toEqual({ setting: 'On' });
    expect(settingFor(false)).toEqual({ setting: 'Off' });
  });

  it('explains each mode in words and keeps an unknown one', () => {
    expect(modeSentence(view({ mode: 'Required' }))).toContain('required');
    expect(modeSentence(view({ mode: 'Future' }))).toBe('Future');
  });
});

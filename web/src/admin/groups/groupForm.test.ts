import { describe, expect, it } from 'vitest';
import { groupNameError, mailNicknameError, memberError } from './groupForm';

describe('group form checks', () => {
  it('accepts a plain name and an empty nickname (the server derives one)', () => {
    expect(groupNameError(' Sales team ')).toBeNull();
    expect(mailNicknameError('')).toBeNull();
    expect(mailNicknameError('sales-team_1.a')).toBeNull();
  });

  it('refuses an empty, too long or unprintable name', () => {
    expect(groupNameError('  ')).toMatch(/Enter/);
    expect(groupNameError('x'.repeat(129))).toMatch(/128/);
    expect(groupNameError('a\u0007b')).toMatch(/printable/);
  });

  it('refuses a nickname with other characters or too long', () => {
    expect(mailNicknameError('sales team')).toMatch(/letters/);
    expect(mailNicknameError('x'.repeat(65))).toMatch(/64/);
  });

  it('asks for a member', () => {
    expect(memberError(' ')).toMatch(/sign-in name/);
    expect(memberError('bob@conclave.test')).toBeNull();
  });
});

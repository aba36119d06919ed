import { describe, expect, it } from 'vitest';
import { adminRoles } from '../users/userForm';
import { appNameError, createAppBody } from './appForm';

describe('app registration form', () => {
  it('asks for a display name of at most 256 characters', () => {
    expect(appNameError('  ')).toMatch(/Enter/);
    expect(appNameError('x'.repeat(257))).toMatch(/256/);
    expect(appNameError('Reporting job')).toBeNull();
  });

  it('sends the trimmed name and the ticked roles in the API order', () => {
    expect(createAppBody(' Job ', ['TeamsAdministrator', 'GlobalAdministrator'], adminRoles)).toEqual({
      displayName: 'Job',
      roles: ['GlobalAdministrator', 'TeamsAdministrator'],
    });
    expect(createAppBody('Job', [], adminRoles).roles).toEqual([]);
  });
});

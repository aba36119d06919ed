import { describe, expect, it } from 'vitest';
import { firstFetches } from './firstFetches';

describe('firstFetches', () => {
  it('asks every screen for /api/me, and the home screen for its missed calls', () => {
    expect(firstFetches('/', '')).toEqual(['/api/me', '/api/me/calls?take=5&missed=true']);
    expect(firstFetches('/settings', '')).toEqual(['/api/me']);
  });

  it("asks the policy screen for the types, and the named type's list and group assignments", () => {
    expect(firstFetches('/admin/policies/', '?type=TeamsMeetingPolicy')).toEqual([
      '/api/me',
      '/api/admin/policies',
      '/api/admin/policies/TeamsMeetingPolicy',
      '/api/admin/policies/TeamsMeetingPolicy/group-assignments',
    ]);
    expect(firstFetches('/admin/policies', '')).toEqual(['/api/me', '/api/admin/policies']);
  });

  it('escapes a type from the address as one path segment', () => {
    expect(firstFetches('/admin/policies', '?type=..%2Fusers')).toContain('/api/admin/policies/..%2Fusers');
    expect(() => firstFetches('/admin/policies', '?type=..')).toThrow(/not a name/);
  });
});

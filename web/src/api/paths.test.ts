import { describe, expect, it } from 'vitest';
import { apiPath } from './paths';

describe('apiPath', () => {
  it('fills each parameter, escaped as one path segment', () => {
    expect(apiPath('/api/admin/users/{idOrUpn}', { idOrUpn: 'bob@conclave.test' })).toBe('/api/admin/users/bob%40conclave.test');
    expect(apiPath('/api/admin/groups/{idOrName}/members/{user}', { idOrName: 'a/../b', user: 'x?y' })).toBe('/api/admin/groups/a%2F..%2Fb/members/x%3Fy');
  });

  it('refuses a dot segment, which the browser would resolve to the parent resource', () => {
    for (const value of ['.', '..']) expect(() => apiPath('/api/admin/policies/{type}', { type: value })).toThrow(/not a name/);
    expect(apiPath('/api/admin/policies/{type}', { type: '%2e%2e' })).toBe('/api/admin/policies/%252e%252e');
  });

  it('refuses a template with a parameter left without a value', () => {
    expect(() => apiPath('/api/admin/users/{idOrUpn}', {})).toThrow(/idOrUpn/);
  });
});

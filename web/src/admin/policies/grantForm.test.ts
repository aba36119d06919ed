import { describe, expect, it } from 'vitest';
import { grantBody, grantSummary, parseRank } from './grantForm';

describe('assigning a policy', () => {
  it('reads a rank: empty appends, whole numbers from 1 to 64', () => {
    expect(parseRank('')).toEqual({ rank: null });
    expect(parseRank(' 2 ')).toEqual({ rank: 2 });
    expect(parseRank('0')).toEqual({ error: 'Ranks start at 1 (the best).' });
    expect(parseRank('1.5')).toHaveProperty('error');
    expect(parseRank('-1')).toHaveProperty('error');
    expect(parseRank('65')).toHaveProperty('error');
  });

  it('builds exactly one of user, group (with its rank) or global', () => {
    expect(grantBody({ target: 'user', who: ' a@x ', rank: '3', policyName: 'Tag:P' })).toEqual({ body: { user: 'a@x', policyName: 'Tag:P' } });
    expect(grantBody({ target: 'group', who: 'Finance', rank: '1', policyName: 'Tag:P' })).toEqual({ body: { group: 'Finance', policyName: 'Tag:P', rank: 1 } });
    expect(grantBody({ target: 'group', who: 'Finance', rank: '', policyName: 'Tag:P' })).toEqual({ body: { group: 'Finance', policyName: 'Tag:P' } });
    expect(grantBody({ target: 'global', who: 'ignored', rank: '1', policyName: 'Tag:P' })).toEqual({ body: { global: true, policyName: 'Tag:P' } });
  });

  it('unassigns with no policy name', () => {
    expect(grantBody({ target: 'user', who: 'a@x', rank: '', policyName: '' })).toEqual({ body: { user: 'a@x', policyName: null } });
  });

  it('refuses a missing user or group, and a bad rank, before sending', () => {
    expect(grantBody({ target: 'user', who: ' ', rank: '', policyName: 'P' })).toHaveProperty('error');
    expect(grantBody({ target: 'group', who: '', rank: '', policyName: 'P' })).toHaveProperty('error');
    expect(grantBody({ target: 'group', who: 'G', rank: 'x', policyName: 'P' })).toEqual({ error: 'The rank is a whole number; 1 is the best.' });
  });

  it('says what the assignment did', () => {
    expect(grantSummary({ group: 'Finance', policyName: 'Tag:P', rank: 1 }, 'T')).toBe('T: group Finance now has Tag:P at rank 1.');
    expect(grantSummary({ global: true, policyName: null }, 'T')).toBe('T: the tenant default is now no policy (unassigned).');
  });
});

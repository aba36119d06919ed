// The assign form's state logic: the three forms of Grant-Cs<Noun> (docs/policies.md, "Grants and
// precedence") as the body of POST /api/admin/policies/{type}/grants, validated before it is sent.

export type GrantTarget = 'user' | 'group' | 'global';

export interface GrantForm {
  target: GrantTarget;
  /** The user's UPN or id, or the group's name or id. */
  who: string;
  /** A group assignment's rank as typed: empty appends, else a whole number from 1. */
  rank: string;
  /** The policy to assign; empty unassigns. */
  policyName: string;
}

/** Exactly one of user, group or global, as the API takes it (Contracts/Api/Policies.cs, GrantPolicy). */
export interface GrantBody {
  user?: string;
  group?: string;
  global?: true;
  policyName: string | null;
  rank?: number;
}

/** The largest rank worth typing: at most 64 group assignments per type exist. */
export const MAX_RANK = 64;

/** A rank as typed: null when empty (append), a number from 1, or the reason it is refused. */
export function parseRank(text: string): { rank: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { rank: null };
  if (!/^\d+$/.test(trimmed)) return { error: 'The rank is a whole number; 1 is the best.' };
  const rank = Number(trimmed);
  if (rank < 1) return { error: 'Ranks start at 1 (the best).' };
  if (rank > MAX_RANK) return { error: `A rank is at most ${MAX_RANK}: a policy type has at most ${MAX_RANK} group assignments.` };
  return { rank };
}

/** The request body, or the reason the form cannot be sent. */
export function grantBody(form: GrantForm): { body: GrantBody } | { error: string } {
  const policyName = form.policyName.trim() === '' ? null : form.policyName.trim();
  const who = form.who.trim();
  switch (form.target) {
    case 'user':
      if (who === '') return { error: 'Give the user’s sign-in name (UPN).' };
      return { body: { user: who, policyName } };
    case 'group': {
      if (who === '') return { error: 'Give the group’s name.' };
      const rank = parseRank(form.rank);
      if ('error' in rank) return rank;
      return { body: rank.rank === null ? { group: who, policyName } : { group: who, policyName, rank: rank.rank } };
    }
    case 'global':
      return { body: { global: true, policyName } };
  }
}

/** What the assignment did, in words, for the screen's status line. */
export function grantSummary(body: GrantBody, policyType: string): string {
  const policy = body.policyName ?? 'no policy (unassigned)';
  if (body.user) return `${policyType}: ${body.user} now has ${policy}.`;
  if (body.group) return `${policyType}: group ${body.group} now has ${policy}${body.rank ? ` at rank ${body.rank}` : ''}.`;
  return `${policyType}: the tenant default is now ${policy}.`;
}

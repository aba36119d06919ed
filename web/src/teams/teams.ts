// What the Teams screen shows of the person's teams: the order of teams and channels, and what their role lets them
// do. The server decides every change all the same (docs/api.md, "Teams and channels"): these rules only decide
// which controls are offered.
import type { Schemas } from '../api/client';

export type TeamView = Schemas['TeamView'];
export type ChannelView = Schemas['ChannelView'];
export type TeamMemberView = Schemas['TeamMemberView'];

export const TEAM_ROLES = ['Owner', 'Member', 'Guest'] as const;

/** Teams by name (case-insensitive, then id so the order is stable), archived ones last. */
export function sortTeams(teams: readonly TeamView[]): TeamView[] {
  return [...teams].sort(
    (a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.teamId.localeCompare(b.teamId),
  );
}

/** General first, then the other channels by name; private channels the person is not in are left out (they cannot open them). */
export function visibleChannels(team: TeamView): ChannelView[] {
  return team.channels
    .filter((c) => c.isMember)
    .sort((a, b) => Number(b.isGeneral) - Number(a.isGeneral) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.channelId.localeCompare(b.channelId));
}

export const isOwner = (team: TeamView): boolean => team.myRole === 'Owner';

/** Owners always; members when the team lets members create channels; guests never; nobody in an archived team. */
export function canCreateChannel(team: TeamView): boolean {
  if (team.archived) return false;
  return isOwner(team) || (team.myRole === 'Member' && team.membersCanCreateChannels);
}

/** The team and channel a channel chat belongs to, or null when no loaded team holds it. */
export function channelOfChat(teams: readonly TeamView[], chatId: string): { team: TeamView; channel: ChannelView } | null {
  for (const team of teams) {
    const channel = team.channels.find((c) => c.chatId === chatId);
    if (channel) return { team, channel };
  }
  return null;
}

/** A key that changes whenever the set of channel chats the person is in changes (a team joined, left or a channel added). */
export function channelChatKey(chats: Readonly<Record<string, { kind: string }>> | null): string {
  if (!chats) return '';
  return Object.entries(chats)
    .filter(([, chat]) => chat.kind === 'Channel')
    .map(([id]) => id)
    .sort()
    .join(',');
}

import { describe, expect, it } from 'vitest';
import { type ChannelView, type TeamView, canCreateChannel, channelChatKey, channelOfChat, sortTeams, visibleChannels } from './teams';

const channel = (name: string, extra: Partial<ChannelView> = {}): ChannelView => ({
  channelId: `c-${name}`,
  teamId: 't',
  name,
  description: null,
  kind: 'Standard',
  isGeneral: false,
  chatId: `chat-${name}`,
  isMember: true,
  members: [],
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});

const team = (name: string, extra: Partial<TeamView> = {}): TeamView => ({
  teamId: `t-${name}`,
  name,
  description: null,
  visibility: 'Private',
  membersCanCreateChannels: true,
  archived: false,
  myRole: 'Member',
  members: [],
  channels: [],
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('sortTeams', () => {
  it('orders by name without regard to case, archived teams last', () => {
    const sorted = sortTeams([team('beta'), team('Zed', { archived: true }), team('alpha'), team('Gamma')]);
    expect(sorted.map((t) => t.name)).toEqual(['alpha', 'beta', 'Gamma', 'Zed']);
  });
});

describe('visibleChannels', () => {
  it('puts General first and leaves out private channels the person is not in', () => {
    const t = team('x', {
      channels: [channel('zeta'), channel('Secret', { kind: 'Private', isMember: false }), channel('General', { isGeneral: true }), channel('alpha')],
    });
    expect(visibleChannels(t).map((c) => c.name)).toEqual(['General', 'alpha', 'zeta']);
  });
});

describe('canCreateChannel', () => {
  it('follows the role, the team setting and archiving', () => {
    expect(canCreateChannel(team('a', { myRole: 'Owner', membersCanCreateChannels: false }))).toBe(true);
    expect(canCreateChannel(team('a', { myRole: 'Member' }))).toBe(true);
    expect(canCreateChannel(team('a', { myRole: 'Member', membersCanCreateChannels: false }))).toBe(false);
    expect(canCreateChannel(team('a', { myRole: 'Guest' }))).toBe(false);
    expect(canCreateChannel(team('a', { myRole: 'Owner', archived: true }))).toBe(false);
  });
});

describe('channelOfChat', () => {
  it('finds the team and channel of a channel chat, or null', () => {
    const t = team('x', { channels: [channel('General', { isGeneral: true })] });
    expect(channelOfChat([t], 'chat-General')?.channel.name).toBe('General');
    expect(channelOfChat([t], 'chat-other')).toBeNull();
  });
});

describe('channelChatKey', () => {
  it('changes only with the set of channel chats', () => {
    const a = channelChatKey({ one: { kind: 'Channel' }, two: { kind: 'Group' }, three: { kind: 'Channel' } });
    const b = channelChatKey({ three: { kind: 'Channel' }, one: { kind: 'Channel' }, four: { kind: 'OneOnOne' } });
    expect(a).toBe(b);
    expect(channelChatKey({ one: { kind: 'Channel' } })).not.toBe(a);
    expect(channelChatKey(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { chatTitle, mentionsIn, moveToFront, unreadCount, upnsIn, withReadPosition } from './chatList';
import type { ChatView } from './types';

const chat = (kind: string, topic: string | null, lastSequence = 5): ChatView => ({
  chatId: 'c', kind, topic, lastSequence, createdAt: '2026-01-01T00:00:00Z',
  members: [
    { userId: '1', upn: 'me@x', displayName: 'Me', readSequence: 2 },
    { userId: '2', upn: 'bob@x', displayName: 'Bob', readSequence: 5 },
    { userId: '3', upn: 'cat@x', displayName: null, readSequence: 0 },
  ],
});

describe('chat list', () => {
  it('names a one-to-one chat after the other person and a group after its topic or members', () => {
    expect(chatTitle({ ...chat('OneOnOne', null), members: chat('OneOnOne', null).members.slice(0, 2) }, 'ME@x')).toBe('Bob');
    expect(chatTitle(chat('Group', 'Plans'), 'me@x')).toBe('Plans');
    expect(chatTitle(chat('Group', null), 'me@x')).toBe('Bob, cat@x');
  });

  it('counts what is after the read position, never below zero', () => {
    expect(unreadCount(chat('Group', null, 9), 'me@x')).toBe(7);
    expect(unreadCount(chat('Group', null, 1), 'me@x')).toBe(0);
    expect(unreadCount(withReadPosition(chat('Group', null, 9), 'me@x', 9), 'me@x')).toBe(0);
    // A read position never moves back.
    expect(unreadCount(withReadPosition(chat('Group', null, 9), 'me@x', 1), 'me@x')).toBe(7);
  });

  it('puts the chat that changed first', () => {
    expect(moveToFront(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(moveToFront(['a'], 'n')).toEqual(['n', 'a']);
  });

  it('reads UPNs and mentions', () => {
    expect(upnsIn(' a@x, b@x;a@X  c@x ')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(mentionsIn('hi @Bob@x and @me@x and @nobody@x', chat('Group', null).members, 'me@x')).toEqual(['bob@x']);
  });
});

// What the chat list shows of each chat: its title, how much of it is unread, and the order (latest change first).
import { type ChatMember, type ChatView, seq } from './types';

export const memberName = (member: Pick<ChatMember, 'upn' | 'displayName'>): string => member.displayName?.trim() || member.upn;

const sameUpn = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A group's topic, else its members' names; a one-to-one chat is named after the other person. */
export function chatTitle(chat: ChatView, myUpn: string): string {
  const others = chat.members.filter((m) => !sameUpn(m.upn, myUpn));
  if (chat.kind === 'OneOnOne') return others[0] ? memberName(others[0]) : 'Chat';
  if (chat.topic?.trim()) return chat.topic;
  return others.length ? others.map(memberName).join(', ') : 'Group chat';
}

/** The chat's changes after this member's read position (its sequence counts every change, not only messages). */
export function unreadCount(chat: ChatView, myUpn: string): number {
  const me = chat.members.find((m) => sameUpn(m.upn, myUpn));
  return Math.max(0, seq(chat.lastSequence) - seq(me?.readSequence));
}

/** The chat ids with `chatId` first (it just changed), the others in their order. */
export const moveToFront = (order: readonly string[], chatId: string): string[] => [chatId, ...order.filter((id) => id !== chatId)];

/** `chat` with `upn`'s read position moved forward (never back: the server's rule). */
export function withReadPosition(chat: ChatView, upn: string, readSequence: number): ChatView {
  return {
    ...chat,
    members: chat.members.map((m) => (sameUpn(m.upn, upn) && readSequence > seq(m.readSequence) ? { ...m, readSequence } : m)),
  };
}

/** The UPNs typed in a "New chat" or "Add member" field: separated by commas, semicolons or spaces, each once. */
export function upnsIn(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\s,;]+/)
    .map((u) => u.trim())
    .filter((u) => u !== '' && !seen.has(u.toLowerCase()) && seen.add(u.toLowerCase()));
}

/** The members a message mentions: each `@upn` of a member other than the sender. */
export function mentionsIn(text: string, members: readonly ChatMember[], myUpn: string): string[] {
  const lower = text.toLowerCase();
  return members.filter((m) => !sameUpn(m.upn, myUpn) && lower.includes(`@${m.upn.toLowerCase()}`)).map((m) => m.upn);
}

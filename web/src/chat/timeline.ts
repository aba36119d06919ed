// One chat's messages, built from its ordered events exactly once (the rules of docs/api.md "Order and catch-up",
// as src/Conclave.Client/Chat/ChatTimeline.cs applies them). Every change to a chat takes the chat's next sequence,
// so the last sequence applied is the whole cursor: an event at or below it was applied already (a push that raced
// a fetch, a replay after a reconnect) and is dropped; the next one applies; one further on means events are
// missing, and they are fetched from the cursor first. Pure: every function returns a new timeline.
import { type ChatEvent, type ChatEventPage, type ChatView, type MessageView, seq } from './types';

export interface Timeline {
  chatId: string;
  /** The last sequence applied (0: none yet). */
  applied: number;
  /** The chat as the last chat event left it (null until one was applied). */
  chat: ChatView | null;
  /** Messages in sequence order, tombstones included. */
  messages: readonly MessageView[];
}

export type Verdict = 'next' | 'duplicate' | 'gap' | 'other-chat';

export const emptyTimeline = (chatId: string): Timeline => ({ chatId, applied: 0, chat: null, messages: [] });

/** Decides about one event without applying it. */
export function verdictOf(timeline: Timeline, event: ChatEvent): Verdict {
  if (event.chatId !== timeline.chatId) return 'other-chat';
  const sequence = seq(event.sequence);
  if (sequence <= timeline.applied) return 'duplicate';
  return sequence === timeline.applied + 1 ? 'next' : 'gap';
}

/** `messages` with `message` in its place (replacing the one with its id), kept in sequence order. */
export function placeMessage(messages: readonly MessageView[], message: MessageView): MessageView[] {
  const others = messages.filter((m) => m.messageId !== message.messageId);
  const at = others.findIndex((m) => seq(m.sequence) > seq(message.sequence));
  return at < 0 ? [...others, message] : [...others.slice(0, at), message, ...others.slice(at)];
}

/** Applies `event` when it is the next one; any other verdict leaves the timeline as it was. */
export function offer(timeline: Timeline, event: ChatEvent): { timeline: Timeline; verdict: Verdict } {
  const verdict = verdictOf(timeline, event);
  if (verdict !== 'next') return { timeline, verdict };
  const next: Timeline = { ...timeline, applied: seq(event.sequence) };
  if (event.message) next.messages = placeMessage(timeline.messages, event.message);
  if (event.chat) next.chat = event.chat;
  return { timeline: next, verdict };
}

/**
 * The sender's own message as the server acknowledged it (201/200), shown before its event arrives. The cursor does
 * not move: the event still applies in its turn (and replaces this copy with itself).
 */
export function acknowledge(timeline: Timeline, message: MessageView): Timeline {
  if (message.chatId !== timeline.chatId) return timeline;
  // Already there from its event (or a later edit of it): the event's copy is at least as new.
  if (timeline.messages.some((m) => m.messageId === message.messageId)) return timeline;
  return { ...timeline, messages: placeMessage(timeline.messages, message) };
}

/**
 * Fetches the events after the cursor (page after page while the server says there are more) and applies them in
 * order, until the cursor reaches `through` (when given) or the server has nothing more. The server's log is the
 * authority: a page that moves nothing ends the catch-up.
 */
export async function catchUp(
  timeline: Timeline,
  fetchAfter: (after: number) => Promise<ChatEventPage>,
  through = Number.POSITIVE_INFINITY,
): Promise<Timeline> {
  let current = timeline;
  while (current.applied < through) {
    const page = await fetchAfter(current.applied);
    const before = current.applied;
    for (const event of page.events) current = offer(current, event).timeline;
    if (current.applied === before || !page.more) break;
  }

  return current;
}

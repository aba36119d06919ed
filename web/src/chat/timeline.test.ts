import { describe, expect, it } from 'vitest';
import { acknowledge, catchUp, emptyTimeline, offer } from './timeline';
import type { ChatEvent, ChatEventPage, MessageView } from './types';

const CHAT = '11111111-1111-1111-1111-111111111111';

function message(sequence: number, text: string, id = `m${sequence}`): MessageView {
  return {
    messageId: id, chatId: CHAT, sequence, clientMessageId: `c-${id}`, senderUpn: 'a@x', text, replyTo: null,
    mentions: [], reactions: [], sentAt: '2026-01-01T00:00:00Z', editedAt: null, deleted: false,
  };
}

const sent = (sequence: number, text = `text ${sequence}`): ChatEvent => ({
  chatId: CHAT, sequence, kind: 'MessageSent', at: '2026-01-01T00:00:00Z', actorUpn: 'a@x', message: message(sequence, text), chat: null,
});

/** A fake events endpoint over a log of events, `take` at a time. */
function server(log: ChatEvent[], take = 2) {
  const calls: number[] = [];
  const fetchAfter = async (after: number): Promise<ChatEventPage> => {
    calls.push(after);
    const events = log.filter((e) => Number(e.sequence) > after).slice(0, take);
    const last = events.at(-1);
    return { events, lastSequence: log.length, more: last !== undefined && Number(last.sequence) < log.length };
  };
  return { fetchAfter, calls };
}

describe('chat timeline', () => {
  it('applies the next event, drops duplicates and reports a gap without applying it', () => {
    let t = emptyTimeline(CHAT);
    const first = offer(t, sent(1));
    expect(first.verdict).toBe('next');
    t = first.timeline;
    expect(offer(t, sent(1)).verdict).toBe('duplicate');
    const gap = offer(t, sent(3));
    expect(gap.verdict).toBe('gap');
    expect(gap.timeline).toBe(t);
    expect(t.applied).toBe(1);
    expect(t.messages.map((m) => m.text)).toEqual(['text 1']);
  });

  it('ignores another chat\'s events', () => {
    expect(offer(emptyTimeline(CHAT), { ...sent(1), chatId: 'other' }).verdict).toBe('other-chat');
  });

  it('replaces an edited or deleted message in place', () => {
    let t = offer(emptyTimeline(CHAT), sent(1, 'first')).timeline;
    t = offer(t, sent(2, 'second')).timeline;
    const edited = { ...message(1, 'first, edited'), editedAt: '2026-01-01T00:01:00Z' };
    t = offer(t, { ...sent(3), kind: 'MessageEdited', message: edited }).timeline;
    const deleted = { ...message(2, ''), text: null, deleted: true };
    t = offer(t, { ...sent(4), kind: 'MessageDeleted', message: deleted }).timeline;
    expect(t.messages.map((m) => [m.text, m.deleted])).toEqual([['first, edited', false], [null, true]]);
    expect(t.applied).toBe(4);
  });

  it('catches up a gap page by page, each event once, in order', async () => {
    const log = [1, 2, 3, 4, 5, 6, 7].map((n) => sent(n));
    const { fetchAfter, calls } = server(log, 3);
    let t = offer(emptyTimeline(CHAT), sent(1)).timeline;
    t = await catchUp(t, fetchAfter, 6);
    expect(calls).toEqual([1, 4]);
    expect(t.applied).toBe(7);
    expect(t.messages.map((m) => m.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The pushes that raced the catch-up are duplicates now.
    expect(offer(t, sent(5)).verdict).toBe('duplicate');
  });

  it('stops when the server has no more, or a page moves nothing', async () => {
    const { fetchAfter, calls } = server([sent(1), sent(2)], 5);
    const t = await catchUp(emptyTimeline(CHAT), fetchAfter, 9);
    expect(t.applied).toBe(2);
    expect(calls).toEqual([0]);
    const stuck = async (): Promise<ChatEventPage> => ({ events: [sent(5)], lastSequence: 9, more: true });
    expect((await catchUp(t, stuck, 9)).applied).toBe(2);
  });

  it('shows an acknowledged send before its event, without moving the cursor, and once', () => {
    let t = offer(emptyTimeline(CHAT), sent(1)).timeline;
    t = acknowledge(t, message(2, 'mine'));
    expect(t.applied).toBe(1);
    expect(t.messages.map((m) => m.text)).toEqual(['text 1', 'mine']);
    t = offer(t, sent(2, 'mine')).timeline;
    expect(t.messages).toHaveLength(2);
    expect(acknowledge(t, message(2, 'mine')).messages).toHaveLength(2);
  });
});

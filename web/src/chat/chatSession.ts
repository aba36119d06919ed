// The signed-in person's chats, followed live: one connection to the chat hub (/hubs/chat), which only delivers
// (docs/api.md, "Chat"), and the REST API for everything else. Each opened chat has a Timeline (timeline.ts):
// pushed events and fetched pages meet there, in one chain per chat, so each event applies once and in order; a
// push that skips sequences, and every reconnection, fetches what was missed from the server's log. Screens read
// the state (subscribe/getState, for useSyncExternalStore) and call the actions.
import type { HubConnection } from '@microsoft/signalr';
import { del, get, patch, post, put } from '../api/client';
import { apiPath } from '../api/paths';
import { describeError } from '../api/problem';
import { accessToken } from '../auth/session';
import { moveToFront, withReadPosition } from './chatList';
import { sendUntilAnswered } from './sending';
import { type Timeline, acknowledge, catchUp, emptyTimeline, offer } from './timeline';
import { type ChatEvent, type ChatEventPage, type ChatView, type MessageView, type ReadPositionView, seq } from './types';

const HUB_PATH = '/hubs/chat';
const EVENTS_PAGE = 200;
// After the hub closed for good (say, its token expired), a new connection is tried after this long (ms).
const RESTART_DELAY_MS = 3000;

export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** A message on its way: shown as "sending…" until the server has stored it. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
  replyTo: string | null;
  mentions: string[];
  failed: string | null;
}

export interface ChatState {
  hub: HubStatus;
  /** Null until the list is loaded. */
  chats: Readonly<Record<string, ChatView>> | null;
  /** Chat ids, latest change first. */
  order: readonly string[];
  listError: string | null;
  timelines: Readonly<Record<string, Timeline>>;
  timelineErrors: Readonly<Record<string, string>>;
  pending: Readonly<Record<string, readonly PendingMessage[]>>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ChatSession {
  private state: ChatState = { hub: 'connecting', chats: null, order: [], listError: null, timelines: {}, timelineErrors: {}, pending: {} };
  private readonly listeners = new Set<() => void>();
  private readonly chains = new Map<string, Promise<void>>();
  private hub: HubConnection | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly myUpn: string) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ChatState => this.state;

  get upn(): string {
    return this.myUpn;
  }

  private update(change: Partial<ChatState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** Connects the hub, then loads the list: the hub listens first, so nothing that happens in between is missed. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.hub?.stop().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // SignalR's client is on a chunk of its own, shared with the call hub (calls/hubClient.ts).
    const { HubConnectionBuilder, LogLevel } = await import('../calls/hubClient');
    if (this.stopped) return;
    // The token goes in the access_token query parameter of the WebSocket only; negotiation sends it as a bearer
    // header. Reconnection never gives up while the page is open: a device back online catches up by cursor.
    const hub = new HubConnectionBuilder()
      .withUrl(HUB_PATH, { accessTokenFactory: accessToken })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => Math.min(500 * 2 ** context.previousRetryCount, 5000) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub = hub;
    hub.on('ChatEvent', (event: ChatEvent) => this.onEvent(event));
    hub.on('ReadPosition', (position: ReadPositionView) => this.onReadPosition(position));
    hub.onreconnecting(() => this.update({ hub: 'reconnecting' }));
    hub.onreconnected(() => {
      this.update({ hub: 'connected' });
      void this.resync();
    });
    hub.onclose(() => {
      this.update({ hub: 'disconnected' });
      if (!this.stopped) setTimeout(() => void this.restart(hub), RESTART_DELAY_MS);
    });
    try {
      await hub.start();
      this.update({ hub: 'connected' });
    } catch {
      this.update({ hub: 'disconnected' });
      if (!this.stopped) setTimeout(() => void this.restart(hub), RESTART_DELAY_MS);
    }

    await this.resync();
  }

  private async restart(closed: HubConnection): Promise<void> {
    if (this.stopped || this.hub !== closed) return;
    this.update({ hub: 'connecting' });
    try {
      await closed.start();
      this.update({ hub: 'connected' });
      await this.resync();
    } catch {
      this.update({ hub: 'disconnected' });
      setTimeout(() => void this.restart(closed), RESTART_DELAY_MS);
    }
  }

  /** Reloads the list (each chat's last sequence and read positions) and catches up every opened chat. */
  async resync(): Promise<void> {
    try {
      const list = await get('/api/chats');
      const chats: Record<string, ChatView> = {};
      for (const chat of list) chats[chat.chatId] = chat;
      this.update({ chats, order: list.map((c) => c.chatId), listError: null });
    } catch (error) {
      this.update({ listError: describeError(error) });
    }

    for (const chatId of Object.keys(this.state.timelines)) this.chain(chatId, () => this.catchUpChat(chatId));
  }

  /** Loads a chat's timeline (once; its events from the start) so the conversation can show it. */
  open(chatId: string): void {
    if (this.state.timelines[chatId]) return;
    this.setTimeline(chatId, emptyTimeline(chatId));
    this.chain(chatId, () => this.catchUpChat(chatId));
  }

  /** Runs `work` after every earlier piece of work of the same chat: one chat's events apply one at a time. */
  private chain(chatId: string, work: () => Promise<void>): void {
    const previous = this.chains.get(chatId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      this.update({ timelineErrors: { ...this.state.timelineErrors, [chatId]: describeError(error) } });
    });
    this.chains.set(chatId, next);
  }

  private async catchUpChat(chatId: string, through?: number): Promise<void> {
    const timeline = this.state.timelines[chatId];
    if (!timeline) return;
    const fetchAfter = (after: number): Promise<ChatEventPage> =>
      get(apiPath('/api/chats/{chatId}/events', { chatId }), { after, take: EVENTS_PAGE });
    const caughtUp = await catchUp(timeline, fetchAfter, through);
    // A send acknowledged while the pages were on their way is kept (acknowledge is idempotent).
    let merged = caughtUp;
    for (const message of this.state.timelines[chatId]?.messages ?? []) merged = acknowledge(merged, message);
    this.setTimeline(chatId, merged);
    const { [chatId]: _, ...others } = this.state.timelineErrors;
    this.update({ timelineErrors: others });
    if (caughtUp.chat) this.rememberChat(caughtUp.chat, caughtUp.applied);
  }

  private setTimeline(chatId: string, timeline: Timeline): void {
    this.update({ timelines: { ...this.state.timelines, [chatId]: timeline } });
  }

  /** Keeps `chat` (with its last sequence never moving back) at the front of the list. */
  private rememberChat(chat: ChatView, lastSequence: number): void {
    const known = this.state.chats?.[chat.chatId];
    const last = Math.max(lastSequence, seq(chat.lastSequence), seq(known?.lastSequence));
    const chats = { ...(this.state.chats ?? {}), [chat.chatId]: { ...chat, lastSequence: last } };
    this.update({ chats, order: known ? this.state.order : moveToFront(this.state.order, chat.chatId) });
  }

  private isMember(chat: ChatView): boolean {
    return chat.members.some((m) => m.upn.toLowerCase() === this.myUpn.toLowerCase());
  }

  private onEvent(event: ChatEvent): void {
    const chatId = event.chatId;
    if (event.chat && !this.isMember(event.chat)) {
      this.forget(chatId);
      return;
    }

    const known = this.state.chats?.[chatId];
    const chat = event.chat ?? known;
    if (chat) {
      this.rememberChat({ ...chat, members: event.chat?.members ?? known?.members ?? chat.members }, seq(event.sequence));
      this.update({ order: moveToFront(this.state.order, chatId) });
    } else {
      // A chat this page has not listed yet (someone just created it): the list has it now.
      void this.resync();
    }

    if (!this.state.timelines[chatId]) return;
    this.chain(chatId, async () => {
      const timeline = this.state.timelines[chatId];
      if (!timeline) return;
      const { timeline: next, verdict } = offer(timeline, event);
      if (verdict === 'next') this.setTimeline(chatId, next);
      else if (verdict === 'gap') await this.catchUpChat(chatId, seq(event.sequence));
    });
  }

  private onReadPosition(position: ReadPositionView): void {
    const chat = this.state.chats?.[position.chatId];
    if (!chat) return;
    this.update({ chats: { ...this.state.chats, [chat.chatId]: withReadPosition(chat, position.upn, seq(position.readSequence)) } });
  }

  private forget(chatId: string): void {
    const { [chatId]: _chat, ...chats } = this.state.chats ?? {};
    const { [chatId]: _timeline, ...timelines } = this.state.timelines;
    this.update({ chats, timelines, order: this.state.order.filter((id) => id !== chatId) });
  }

  // --- actions ------------------------------------------------------------------------------------------

  async create(kind: 'OneOnOne' | 'Group', members: string[], topic: string | null): Promise<ChatView> {
    const chat = await post<ChatView>('/api/chats', { kind, members, topic });
    this.rememberChat(chat, seq(chat.lastSequence));
    this.update({ order: moveToFront(this.state.order, chat.chatId) });
    return chat;
  }

  /** Sends a message; it shows as pending until stored, and is sent again with the same id while unanswered. */
  send(chatId: string, text: string, replyTo: string | null, mentions: string[]): void {
    const pending: PendingMessage = { clientMessageId: crypto.randomUUID(), text, replyTo, mentions, failed: null };
    this.setPending(chatId, [...(this.state.pending[chatId] ?? []), pending]);
    void this.deliver(chatId, pending);
  }

  /** Sends a message that failed for good once more, with its own id (the server stores it at most once). */
  retry(chatId: string, clientMessageId: string): void {
    const pending = this.state.pending[chatId]?.find((p) => p.clientMessageId === clientMessageId);
    if (!pending) return;
    const again = { ...pending, failed: null };
    this.setPending(chatId, (this.state.pending[chatId] ?? []).map((p) => (p.clientMessageId === clientMessageId ? again : p)));
    void this.deliver(chatId, again);
  }

  discard(chatId: string, clientMessageId: string): void {
    this.setPending(chatId, (this.state.pending[chatId] ?? []).filter((p) => p.clientMessageId !== clientMessageId));
  }

  private async deliver(chatId: string, pending: PendingMessage): Promise<void> {
    const path = apiPath('/api/chats/{chatId}/messages', { chatId });
    const body = { clientMessageId: pending.clientMessageId, text: pending.text, replyTo: pending.replyTo, mentions: pending.mentions };
    try {
      const stored = await sendUntilAnswered(() => post<MessageView>(path, body), sleep, () => this.stopped);
      // One change: the stored message replaces its pending copy, never both on screen at once.
      const timeline = this.state.timelines[chatId];
      const remaining = (this.state.pending[chatId] ?? []).filter((p) => p.clientMessageId !== pending.clientMessageId);
      this.update({
        timelines: timeline ? { ...this.state.timelines, [chatId]: acknowledge(timeline, stored) } : this.state.timelines,
        pending: { ...this.state.pending, [chatId]: remaining },
      });
    } catch (error) {
      const failed = { ...pending, failed: describeError(error) };
      this.setPending(chatId, (this.state.pending[chatId] ?? []).map((p) => (p.clientMessageId === pending.clientMessageId ? failed : p)));
    }
  }

  private setPending(chatId: string, list: PendingMessage[]): void {
    this.update({ pending: { ...this.state.pending, [chatId]: list } });
  }

  edit(chatId: string, messageId: string, text: string, mentions: string[]): Promise<MessageView> {
    return patch<MessageView>(apiPath('/api/chats/{chatId}/messages/{messageId}', { chatId, messageId }), { text, mentions });
  }

  remove(chatId: string, messageId: string): Promise<null> {
    return del(apiPath('/api/chats/{chatId}/messages/{messageId}', { chatId, messageId }));
  }

  react(chatId: string, messageId: string, reaction: string, on: boolean): Promise<MessageView> {
    const path = apiPath('/api/chats/{chatId}/messages/{messageId}/reactions/{reaction}', { chatId, messageId, reaction });
    return on ? put<MessageView>(path, null) : del<MessageView>(path);
  }

  async addMember(chatId: string, upn: string): Promise<void> {
    const chat = await post<ChatView>(apiPath('/api/chats/{chatId}/members', { chatId }), { user: upn });
    this.rememberChat(chat, seq(chat.lastSequence));
  }

  async leave(chatId: string): Promise<void> {
    await del(apiPath('/api/chats/{chatId}/members/me', { chatId }));
    this.forget(chatId);
  }

  /** Moves this person's read position to `sequence` when it is ahead of it (the server never moves it back). */
  async markRead(chatId: string, sequence: number): Promise<void> {
    const chat = this.state.chats?.[chatId];
    const mine = chat?.members.find((m) => m.upn.toLowerCase() === this.myUpn.toLowerCase());
    if (!chat || !mine || sequence <= seq(mine.readSequence)) return;
    this.update({ chats: { ...this.state.chats, [chatId]: withReadPosition(chat, this.myUpn, sequence) } });
    await put(apiPath('/api/chats/{chatId}/read', { chatId }), { sequence });
  }
}

let current: ChatSession | null = null;

/** The signed-in person's chat session, made and started on first use. */
export function chatSession(myUpn: string): ChatSession {
  if (current && current.upn.toLowerCase() !== myUpn.toLowerCase()) void endChatSession();
  current ??= new ChatSession(myUpn);
  current.start();
  return current;
}

/** Ends the session at sign-out; the next sign-in makes a new one. */
export async function endChatSession(): Promise<void> {
  const ending = current;
  current = null;
  await ending?.stop();
}

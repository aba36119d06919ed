// The chat API's views as the web app holds them (docs/api.md, "Chat"). The OpenAPI document types the 64-bit
// sequences as `number | string`; the server sends JSON numbers, and every sequence of a chat stays far below
// 2^53, so the app keeps them as numbers (`seq`).
import type { Schemas } from '../api/client';

export type ChatView = Schemas['ChatView'];
export type ChatMember = Schemas['ChatMemberView'];
export type MessageView = Schemas['MessageView'];
export type ChatEvent = Schemas['ChatEvent'];
export type ChatEventPage = Schemas['ChatEventPage'];

/** Pushed on the hub when a member's read position moves (not in the OpenAPI document: no endpoint answers it). */
export interface ReadPositionView {
  chatId: string;
  upn: string;
  readSequence: number | string;
}

/** A sequence (or read position) as a number. */
export const seq = (value: number | string | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/** The reactions the server knows, in the order the app offers them, with what each shows. */
export const REACTIONS: readonly { name: string; symbol: string; label: string }[] = [
  { name: 'like', symbol: '👍', label: 'Like' },
  { name: 'heart', symbol: '❤️', label: 'Heart' },
  { name: 'laugh', symbol: '😆', label: 'Laugh' },
  { name: 'surprised', symbol: '😮', label: 'Surprised' },
  { name: 'sad', symbol: '😢', label: 'Sad' },
  { name: 'angry', symbol: '😠', label: 'Angry' },
];

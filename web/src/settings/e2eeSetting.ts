// The signed-in user's E2EE-calls setting, kept current: read with GET /api/me/e2ee-calls, changed with
// PUT, and followed live through /api/me/policy-events so that an administrator's grant or the user's
// switch on another device shows here within a second.
import { authorizedFetch, get, put } from '../api/client';
import { type E2eeCallsView, isE2eeEvent, settingFor } from './e2eeView';
import { EventStreamParser } from './eventStream';

// Reconnection of the event stream: bounded attempts, exponential back-off up to 30 s.
const MAX_ATTEMPTS = 20;
const MAX_BACKOFF_MS = 30_000;
const FIRST_BACKOFF_MS = 500;

export interface SettingCallbacks {
  onView: (view: E2eeCallsView) => void;
  log: (text: string) => void;
}

export class E2eeSettingFollower {
  private events: AbortController | null = null;

  constructor(private readonly callbacks: SettingCallbacks) {}

  async start(): Promise<void> {
    // The OpenAPI document has no schema for this answer (a JsonObject): its shape is E2eeCallsView.
    this.callbacks.onView((await get('/api/me/e2ee-calls')) as unknown as E2eeCallsView);
    void this.follow();
  }

  stop(): void {
    this.events?.abort();
  }

  /** Sets the stored choice; throws the server's refusal (e.g. policy.setting_locked). */
  async change(on: boolean): Promise<E2eeCallsView> {
    const view = await put<E2eeCallsView>('/api/me/e2ee-calls', settingFor(on));
    this.callbacks.onView(view);
    this.callbacks.log(`E2EE setting ${view.setting}`);
    return view;
  }

  private async follow(): Promise<void> {
    this.events?.abort();
    const events = new AbortController();
    this.events = events;
    const { signal } = events;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !signal.aborted; attempt++) {
      try {
        const response = await authorizedFetch('/api/me/policy-events', { signal, headers: { accept: 'text/event-stream' } });
        if (!response.ok || !response.body) return;
        await this.read(response.body);
      } catch (e) {
        if (signal.aborted) return;
        this.callbacks.log(`policy events: ${(e as Error).message}`);
      }

      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt)));
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new EventStreamParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        if (isE2eeEvent(event.event)) this.callbacks.onView(JSON.parse(event.data) as E2eeCallsView);
      }
    }
  }
}

// The signed-in user's E2EE-calls setting (docs/api.md): shown as a checkbox, changed with
// PUT /api/me/e2ee-calls, and followed live through /api/me/policy-events so that an
// administrator's grant or the user's switch on another device shows here within a second.
import { api } from './auth.js';

// Reconnection of the event stream: bounded attempts, exponential back-off up to 30 s.
const MAX_ATTEMPTS = 20;
const MAX_BACKOFF_MS = 30000;

export class E2eeSetting {
  constructor({ box, note, log, status }) {
    this.box = box;
    this.note = note;
    this.log = log;
    this.status = status;
    this.view = null;
    this.events = null;
    box.addEventListener('change', () => this.change().catch((e) => status(e.message)));
  }

  async start() {
    const response = await api('/api/me/e2ee-calls');
    if (response.ok) this.show(await response.json());
    this.follow();
  }

  stop() {
    this.events?.abort();
  }

  show(view) {
    this.view = view;
    this.box.checked = view.on;
    this.box.disabled = !view.canChange;
    const by = view.reason === 'ComplianceRecording' ? 'compliance recording' : 'policy';
    this.note.textContent = view.canChange ? '' : `(set by ${by}: ${view.mode})`;
  }

  async change() {
    const response = await api('/api/me/e2ee-calls', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ setting: this.box.checked ? 'On' : 'Off' }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      this.show(body);
      this.log(`E2EE setting ${body.setting}`);
    } else {
      this.box.checked = !this.box.checked;
      this.status(body.detail ?? `The setting was not changed (${response.status}).`);
    }
  }

  /** Server-sent events read with fetch, which (unlike EventSource) can carry the bearer token. */
  async follow() {
    this.events?.abort();
    this.events = new AbortController();
    const { signal } = this.events;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !signal.aborted; attempt++) {
      try {
        const response = await api('/api/me/policy-events', { signal, headers: { accept: 'text/event-stream' } });
        if (!response.ok) return;
        await this.read(response.body);
      } catch (e) {
        if (signal.aborted) return;
        this.log(`policy events: ${e.message}`);
      }

      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt)));
    }
  }

  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      // Each event ends with a blank line (HTML Living Standard §9.2.6, the event-stream format).
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.replace(/^data: ?/, '')).join('\n');
        if (event === 'e2ee-calls' && data) this.show(JSON.parse(data));
      }
    }
  }
}

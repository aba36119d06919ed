// A reader of server-sent events (HTML Living Standard §9.2.6, the event-stream format) fed by chunks of
// text, for streams read with fetch(): unlike EventSource, fetch can carry the bearer token.

export interface ServerEvent {
  event: string;
  data: string;
}

/** Splits a stream's text into events as chunks arrive; a partial event waits for the next chunk. */
export class EventStreamParser {
  private buffer = '';

  /** The events completed by `chunk`. */
  push(chunk: string): ServerEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: ServerEvent[] = [];
    let end: number;
    // Each event ends with a blank line.
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a comment (keep-alive)
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }

      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }

    return events;
  }
}

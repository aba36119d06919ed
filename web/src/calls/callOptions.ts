// ?relay=1 keeps media on the TURN relay (iceTransportPolicy 'relay'); remembered in this tab across the
// sign-in round trip and navigation inside the app.
const OPTIONS = 'conclave.web.call-options';

export interface CallOptions {
  relay: boolean;
}

/** Reads ?relay= from a query string when it is there, else what this tab remembered. */
export function rememberCallOptions(search: string): CallOptions {
  const query = new URLSearchParams(search);
  let saved: Partial<CallOptions> = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(OPTIONS) ?? '{}') as Partial<CallOptions>;
  } catch {
    saved = {};
  }

  const options: CallOptions = { relay: query.has('relay') ? query.get('relay') === '1' : saved.relay === true };
  sessionStorage.setItem(OPTIONS, JSON.stringify(options));
  return options;
}

// RFC 9457 problem details as the server sends them (src/Conclave.Server/Http/Problems.cs): a stable
// machine code in `code` and the human text in `detail`. The app shows `detail` and keeps `code` for
// support; it never shows a stack or a raw body.

/** A refusal or failure of the API, with the server's stable code when it gave one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(message: string, status: number, code: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

interface ProblemFields {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** What a person is told about a failed response: the problem's detail, else its title, else the status. */
export function problemFrom(status: number, body: unknown): ApiError {
  const fields: ProblemFields = typeof body === 'object' && body !== null ? (body as ProblemFields) : {};
  const message = text(fields.detail) ?? text(fields.title) ?? `The server answered ${status}.`;
  return new ApiError(message, status, text(fields.code));
}

/** The text to show for any error: an ApiError's message with its code, anything else as a plain sentence. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.code ? `${error.message} (${error.code})` : error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

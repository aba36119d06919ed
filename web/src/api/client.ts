// The one client of the REST API: bearer token from the sign-in, JSON in and out, refusals as ApiError
// (the problem's detail and code). Paths and answers are typed from the server's OpenAPI document
// (web/openapi.json → schema.d.ts, `npm run api`), so a changed contract fails the type check.
import { accessToken } from '../auth/session';
import type { components, paths } from './schema';
import { takeEarly } from './early';
import { problemFrom } from './problem';

export type Schemas = components['schemas'];

type JsonOk<Operation> = Operation extends { responses: { 200: { content: { 'application/json': infer Body } } } } ? Body : unknown;

/** Every path with a GET operation, and what its 200 answer holds. */
export type ApiPath = Extract<keyof paths, string>;
type GetPath = { [P in ApiPath]: paths[P] extends { get: object } ? P : never }[ApiPath];
export type GetAnswer<P extends GetPath> = paths[P] extends { get: infer Operation } ? JsonOk<Operation> : never;

type Query = Record<string, string | number | boolean | null | undefined>;

/** `path` with the query's set values (the form api/early.ts keys its answers by). */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(name, String(value));
  }

  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** fetch() against the API with the bearer token (for answers that are not JSON, such as event streams). */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${await accessToken()}`);
  return fetch(path, { ...init, headers, cache: 'no-store' });
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }

  const response = await ((method === 'GET' && takeEarly(path)) || authorizedFetch(path, init));
  const answer: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw problemFrom(response.status, answer);
  return answer as T;
}

/** GET a path of the API: the answer's type comes from the OpenAPI document. */
export const get = <P extends GetPath>(path: P, query?: Query): Promise<GetAnswer<P>> => send<GetAnswer<P>>('GET', withQuery(path, query));

/** A write to the API; `T` names the answer where the document has no schema for it (JsonObject answers). */
export const put = <T>(path: ApiPath, body: unknown): Promise<T> => send<T>('PUT', path, body);

export const post = <T>(path: ApiPath, body: unknown): Promise<T> => send<T>('POST', path, body);

/** A partial change (only the fields given change), as the admin API's PATCH endpoints take it. */
export const patch = <T>(path: ApiPath, body: unknown): Promise<T> => send<T>('PATCH', path, body);

/** A removal; `null` for a 204 answer. */
export const del = <T = null>(path: ApiPath): Promise<T> => send<T>('DELETE', path);

// Paths with parameters (/api/admin/users/{idOrUpn}): the template stays the typed key of the OpenAPI
// document, so `get`/`post` still check it against the contract, and the values are escaped so that a UPN
// or a name can never change which resource is addressed.
import type { paths } from './schema';

/** `template` with each `{name}` replaced by its value, escaped as one path segment (RFC 3986 §3.3). */
export function apiPath<P extends Extract<keyof paths, string>>(template: P, values: Record<string, string>): P {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    // A segment of "." or ".." is resolved away by the browser (WHATWG URL) and would address another
    // resource: no name of the API is one.
    if (value === '.' || value === '..') throw new Error(`"${value}" is not a name for {${name}} in ${template}`);
    return encodeURIComponent(value);
  }) as P;
}

// What the screen at an address asks the API for as it mounts, requested instead as the app starts
// (api/early.ts): on a cold load that overlaps the answers with the 0.4-0.6 s the app's code takes to start.
// Each entry uses the same path builder as its screen. A path that its screen stopped fetching costs one
// unused request (bench/scripts/60-admin-ui.sh counts the API requests of a load).
import { authorizedFetch, withQuery } from '../api/client';
import { fetchEarly } from '../api/early';
import { groupAssignmentsPath, policyListPath, policyTypesPath } from '../admin/policies/policyPaths';
import { isSignedIn } from '../auth/session';
import { missedCallsQuery } from '../calls/history';

/** The GET paths (with their query) the screen at `pathname` + `search` fetches first. */
export function firstFetches(pathname: string, search: string): string[] {
  // Every screen: the shell's /api/me (app/SignedInApp.tsx).
  const paths = ['/api/me'];
  const route = pathname.replace(/\/+$/, '') || '/';
  if (route === '/') paths.push(withQuery('/api/me/calls', missedCallsQuery));
  if (route === '/admin/policies') {
    paths.push(policyTypesPath);
    // The list of the type the address names loads alongside the types (admin/policies/PoliciesScreen.tsx),
    // and its group assignments once the types say it is grantable: both are asked for now. For a type that
    // is not grantable the second answer is never taken.
    const type = new URLSearchParams(search).get('type');
    if (type) paths.push(policyListPath(type), groupAssignmentsPath(type));
  }

  return paths;
}

/** Starts the first fetches of the current address when someone is signed in (main.tsx, before React). */
export function startFirstFetches(): void {
  if (!isSignedIn()) return;
  let paths: string[];
  try {
    paths = firstFetches(location.pathname, location.search);
  } catch {
    // An address no path can be made of (a type named ".."): its screen shows the error when it asks.
    return;
  }

  fetchEarly(paths, (path) => authorizedFetch(path, { headers: { accept: 'application/json' } }));
}

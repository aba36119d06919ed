// The app registration form's check before asking the server (which checks again).

/** Why an app's display name cannot be sent, or null. */
export function appNameError(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a display name for the app.';
  if (trimmed.length > 256) return 'A display name has at most 256 characters.';
  return null;
}

/** POST /api/admin/apps: the trimmed name and the roles ticked, in the API's order. */
export const createAppBody = (name: string, roles: readonly string[], all: readonly string[]) => ({
  displayName: name.trim(),
  roles: all.filter((role) => roles.includes(role)),
});

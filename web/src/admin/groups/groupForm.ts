// The group forms' checks before asking the server (which checks again: GroupName in Conclave.Domain).

export const groupNameMax = 128;

/** Why a group name cannot be sent, or null. */
export function groupNameError(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a group name.';
  if (trimmed.length > groupNameMax) return `A group name has at most ${groupNameMax} characters.`;
  // Control characters (C0, DEL, C1) are refused by the server too.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return 'A group name has printable characters only.';
  return null;
}

/** Why a mail nickname cannot be sent, or null; empty lets the server derive one from the name. */
export function mailNicknameError(nickname: string): string | null {
  const trimmed = nickname.trim();
  if (trimmed === '') return null;
  if (trimmed.length > 64 || !/^[A-Za-z0-9._-]+$/.test(trimmed)) return "A mail nickname has 1 to 64 letters, digits, '-', '_' or '.'.";
  return null;
}

/** Why a member to add cannot be sent, or null: an id or a sign-in name. */
export function memberError(user: string): string | null {
  return user.trim() === '' ? 'Enter the sign-in name of the person to add.' : null;
}

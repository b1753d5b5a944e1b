// The big screen opened with ?t=<screen token>: that read-only token (kept in memory; the TV's URL carries it across reloads) and whether the server refused it.
let token: string | null = null;
let revoked = false;
const listeners = new Set<() => void>();

export const screenSession = {
  token: (): string | null => token,
  /** Called by the /screen route when its URL carries a token: every call and the socket then use it instead of a staff login. */
  use(t: string): void {
    token = t;
  },
  revoked: (): boolean => revoked,
  /** A 401 with the screen token: the admin revoked it (or it never existed). The screen says so instead of showing the login page. */
  markRevoked(): void {
    revoked = true;
    listeners.forEach((fn) => fn());
  },
  onRevoked(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

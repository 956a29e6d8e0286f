// The access token of a server started with `pathflow serve --token T` (a shared server,
// not on this machine): asked once, kept in this browser, sent as a Bearer header on
// REST and as ?token= on the WebSocket (browsers cannot set headers there).
const KEY = 'pathflow:token';

export function accessToken(): string | undefined {
  try { return localStorage.getItem(KEY) ?? undefined; } catch { return undefined; }
}

export function setAccessToken(token: string | undefined): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch { /* disabled storage: the token lasts for this page only */ }
}

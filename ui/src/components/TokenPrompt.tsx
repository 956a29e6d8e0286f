// Asking for a shared server's access token, when it answers 401.
import { useState } from 'react';
import { setAccessToken } from '../lib/access-token.ts';

export function TokenPrompt() {
  const [token, setToken] = useState('');
  return (
    <form className="field-row" onSubmit={(e) => { e.preventDefault(); setAccessToken(token.trim()); location.reload(); }}>
      <div className="field field--wide">
        <label htmlFor="access-token">Access token</label>
        <input id="access-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={!token.trim()}>Use this token</button>
    </form>
  );
}

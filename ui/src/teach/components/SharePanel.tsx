// A link that reopens this session anywhere: scenario, variant, seed, the session log and
// the simulated time shown now, compressed into the URL hash (no server needed).
import { memo, useState } from 'react';

export const SharePanel = memo(function SharePanel({ makeUrl }: { makeUrl: () => Promise<string> }) {
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  return (
    <section className="share">
      <h2>Share this run</h2>
      <button data-testid="share" onClick={async () => {
        const u = await makeUrl();
        setUrl(u);
        try { await navigator.clipboard.writeText(u); setNote('copied'); } catch { setNote('select and copy the link'); }
      }}>Make share link</button>
      {url && <input data-testid="share-url" aria-label="Share link" readOnly value={url} onFocus={(e) => e.target.select()} />}
      {note && <span className="muted" role="status"> {note}</span>}
    </section>
  );
});

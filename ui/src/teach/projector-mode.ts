// Projector mode: large text and high contrast for a room reading a projected screen from
// the back (black on white, heavier lines, bigger counters). A class on <html> that the
// styles key on, remembered in this browser like the main app's "Larger text".
import { useEffect, useState } from 'react';

const KEY = 'pathflow:teach-projector';

export function useProjectorMode(): [boolean, () => void] {
  const [on, setOn] = useState(() => { try { return localStorage.getItem(KEY) === '1'; } catch { return false; } });
  useEffect(() => {
    document.documentElement.classList.toggle('projector', on);
    try { localStorage.setItem(KEY, on ? '1' : '0'); } catch { /* not remembered */ }
  }, [on]);
  return [on, () => setOn((x) => !x)];
}
